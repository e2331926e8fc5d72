package dev.longview.cli;

import dev.longview.deep.DeepAlgorithms;
import dev.longview.pipeline.PipelineAlgorithms;
import dev.longview.store.StoreException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code longview} command. Each subcommand is a small class; this one only assembles them and
 * maps failures to exit codes: 2 for a mistake in what the user asked (bad option, bad file), 3
 * for a database failure, 1 for anything unexpected.
 */
@Command(name = "longview", mixinStandardHelpOptions = true, version = "Longview 0.1.0",
    description = "Retention-aware recommender engine.",
    subcommands = {ImportCommand.class, StatsCommand.class, DeleteUserCommand.class,
        DemoCommand.class, SnapshotCommand.class, EventTypesCommand.class, EvalCommand.class,
        LifecycleCommand.class, ChurnCommand.class, ServeCommand.class, TrainCommand.class,
        TextCommand.class, EvalRankerCommand.class, LabCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns its exit code; used by tests too. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    // Algorithms from modules that longview-algorithms must not depend on, registered explicitly.
    DeepAlgorithms.registerAll(line -> err.println("train: " + line));
    PipelineAlgorithms.registerAll(line -> err.println("train: " + line));
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof UserError || ex instanceof IllegalArgumentException) {
        err.println("error: " + ex.getMessage());
        return 2;
      }
      if (ex instanceof StoreException) {
        err.println("database error: " + ex.getMessage());
        return 3;
      }
      throw ex;
    });
    return cl.execute(args);
  }
}
