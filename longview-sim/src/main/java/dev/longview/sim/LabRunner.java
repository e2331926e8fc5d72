package dev.longview.sim;

import dev.longview.core.Event;
import dev.longview.lab.sim.SimConfig;
import dev.longview.lab.sim.SlateServer;
import dev.longview.lab.sim.World;
import dev.longview.retention.policy.Policies;
import dev.longview.retention.policy.Policy;
import dev.longview.store.EventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Runs policies against the simulated world, the way they would run in production: each
 * (policy, seed) gets a fresh {@link World} built from the seed and a fresh SQLite
 * {@link EventStore} in a temporary folder; every simulated day the policy retrains from the store
 * (as of the day's start), serves that day's sessions through the {@link SlateServer} boundary,
 * and the day's observable events are appended to the store in one transaction. The policy sees
 * nothing else: the world's hidden state stays behind {@link World}.
 *
 * <p>Runs are independent and executed on {@code threads} threads; results do not depend on the
 * number of threads. Every policy meets the same seeds (common random numbers, see {@link World}).
 */
public final class LabRunner {

  /**
   * What to run.
   *
   * @param policies names from {@link Policies#NAMES}
   * @param seeds how many seeds: {@code firstSeed .. firstSeed + seeds - 1}
   * @param firstSeed the first seed (1 by default; a fresh range confirms settings that were
   *     chosen or re-examined on seeds 1..S)
   * @param impressions also store an {@code impression} event per shown item. Off by default:
   *     impressions are observable, but none of the four policies reads them and they are about
   *     85% of all events, so storing them multiplies the lab's store work several times over
   */
  public record Plan(List<String> policies, SimConfig world, int seeds, int threads,
      boolean impressions, long firstSeed) {
    public Plan {
      if (policies == null || policies.isEmpty()) {
        throw new IllegalArgumentException("no policy given; use some of " + Policies.NAMES);
      }
      for (String p : policies) {
        if (!Policies.NAMES.contains(p)) {
          throw new IllegalArgumentException("policy was \"" + p + "\"; use some of "
              + Policies.NAMES);
        }
      }
      policies = List.copyOf(new java.util.LinkedHashSet<>(policies));
      if (seeds < 1 || threads < 1) {
        throw new IllegalArgumentException("seeds " + seeds + ", threads " + threads
            + "; both must be at least 1");
      }
    }

    /** Seeds 1..seeds. */
    public Plan(List<String> policies, SimConfig world, int seeds, int threads,
        boolean impressions) {
      this(policies, world, seeds, threads, impressions, 1);
    }

    /** Simulated days over all runs, for progress. */
    public long totalDays() {
      return (long) policies.size() * seeds * world.days();
    }
  }

  /**
   * The outcome: per policy, per metric ({@link RunMetrics#NAMES}), the summary over seeds and
   * the per-seed values.
   */
  public record Report(Plan plan, Map<String, Map<String, Summary>> summaries,
      Map<String, List<Map<String, Double>>> perSeed, double seconds) {}

  private LabRunner() {}

  /** Runs the plan; {@code progress} receives the number of simulated days done so far. */
  public static Report run(Plan plan, LongConsumer progress) {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(plan.threads());
    AtomicLong days = new AtomicLong();
    Map<String, List<Future<Map<String, Double>>>> futures = new LinkedHashMap<>();
    try {
      for (long seed = plan.firstSeed(); seed < plan.firstSeed() + plan.seeds(); seed++) {
        for (String policy : plan.policies()) {
          long s = seed;
          futures.computeIfAbsent(policy, k -> new ArrayList<>()).add(pool.submit(() ->
              runOne(policy, plan.world(), s, plan.impressions(),
                  () -> progress.accept(days.incrementAndGet()))));
        }
      }
      Map<String, Map<String, Summary>> summaries = new LinkedHashMap<>();
      Map<String, List<Map<String, Double>>> perSeed = new LinkedHashMap<>();
      for (var e : futures.entrySet()) {
        List<Map<String, Double>> runs = new ArrayList<>();
        for (Future<Map<String, Double>> f : e.getValue()) {
          runs.add(f.get());
        }
        perSeed.put(e.getKey(), runs);
        Map<String, Summary> m = new LinkedHashMap<>();
        for (String metric : runs.get(0).keySet()) {
          m.put(metric, Summary.of(runs.stream().mapToDouble(r -> r.get(metric)).toArray()));
        }
        summaries.put(e.getKey(), m);
      }
      return new Report(plan, summaries, perSeed, (System.nanoTime() - start) / 1e9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the lab run was interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("a lab run failed: " + c, c);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One policy on one seed, in its own store; returns its metrics. */
  public static Map<String, Double> runOne(String policyName, SimConfig config, long seed,
      boolean impressions, Runnable dayDone) {
    return runOne(LabPolicies.create(policyName, seed), config, seed, impressions, dayDone);
  }

  /**
   * As {@link #runOne(String, SimConfig, long, boolean, Runnable)} with a policy built by the
   * caller (a fresh one per run; e.g. a variant of the retention stage's settings while tuning).
   */
  public static Map<String, Double> runOne(Policy policy, SimConfig config, long seed,
      boolean impressions, Runnable dayDone) {
    Path dir;
    try {
      dir = Files.createTempDirectory("longview-lab-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the lab's store", e);
    }
    try (EventStore store = EventStore.open(dir.resolve("lab.db").toString())) {
      World world = new World(config, seed);
      store.upsertItems(world.items());
      Map<String, Long> stages = new java.util.TreeMap<>();
      SlateServer server = r -> {
        Policy.Slate slate = policy.recommend(new Policy.VisitRequest(r.userId(), r.time(),
            r.sessionId(), r.shownInSession(), r.size()));
        if (r.page() == 0) {
          stages.merge(slate.stagePolicy(), 1L, Long::sum);
        }
        return slate.items();
      };
      List<Event> buffer = new ArrayList<>();
      for (int d = 0; d < config.days(); d++) {
        Instant dayStart = config.start().plusSeconds(86_400L * d);
        policy.retrain(store, dayStart);
        buffer.clear();
        world.simulateDay(server, e -> {
          policy.observe(e);
          if (impressions || !"impression".equals(e.type())) {
            buffer.add(e);
          }
        });
        if (!buffer.isEmpty()) {
          store.append(buffer);
        }
        dayDone.run();
      }
      return RunMetrics.of(world.outcomes(), stages);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }
}
