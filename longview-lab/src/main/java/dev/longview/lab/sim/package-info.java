/**
 * The policy lab's simulated world (PROTOCOLS.md section 5): {@link dev.longview.lab.sim.World}
 * built from a {@link dev.longview.lab.sim.SimConfig} and a seed asks a
 * {@link dev.longview.lab.sim.SlateServer} for slates and emits only observable events;
 * {@link dev.longview.lab.sim.Outcomes} scores the run. The users' and items' hidden state lives
 * in package-private types and never leaves the package. The design is documented on
 * {@link dev.longview.lab.sim.World}.
 */
package dev.longview.lab.sim;
