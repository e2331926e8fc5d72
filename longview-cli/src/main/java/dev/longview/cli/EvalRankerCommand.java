package dev.longview.cli;

import dev.longview.algorithms.Algorithms;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.eval.Protocol;
import dev.longview.eval.Split;
import dev.longview.rank.RankerConfig;
import dev.longview.rank.RankerEvaluation;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval-ranker", description = {
    "Offline measure of the context-aware ranker (longview-rank): each recall model alone (full"
        + " ranking), the union of their top items ordered by the fixed blend, and ordered by a"
        + " LambdaMART ranker trained on the validation part; Recall/NDCG/Hit@10 on test, same run.",
    "Input: a dataset (--input, imported into a temporary SQLite store) or an existing store (--db).",
    "Exit codes: 0 done, 2 bad input or option, 3 database."})
final class EvalRankerCommand implements Callable<Integer> {
  @Mixin DatabaseOption database;
  @Option(names = "--protocol", defaultValue = "ml1m-recbole", paramLabel = "NAME",
      description = "ml1m-recbole or next-item (default: ${DEFAULT-VALUE})")
  String protocol;
  @Option(names = "--input", paramLabel = "PATH", description = "dataset file or folder; or use --db")
  Path input;
  @Option(names = "--format", paramLabel = "F", description = "import format of --input (default: as `eval`)")
  String format;
  @Option(names = "--sources", defaultValue = "ials,itemknn,pop", split = ",", paramLabel = "M,..",
      description = "recall models (default: ${DEFAULT-VALUE})")
  List<String> sources;
  @Option(names = "--per-source", defaultValue = "100", paramLabel = "N",
      description = "candidates per recall model (default: ${DEFAULT-VALUE})")
  int perSource;
  @Option(names = "--negatives", defaultValue = "50", paramLabel = "N",
      description = "sampled negatives per training group (default: ${DEFAULT-VALUE})")
  int negatives;
  @Option(names = "--rounds", defaultValue = "300", paramLabel = "N",
      description = "boosting rounds (default: ${DEFAULT-VALUE})")
  int rounds;
  @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
      description = "split, model and ranker seed (default: ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--threads", paramLabel = "T", description = "threads (default: available processors)")
  Integer threads;
  @Option(names = "--json", description = "print one JSON object")
  boolean json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Protocol p = Protocol.named(protocol);
    for (String source : sources) {
      Algorithms.defaults(source); // an unknown name fails here, before the import, listing the known ones
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    RankerEvaluation.Config config;
    try {
      config = new RankerEvaluation.Config(sources, perSource, negatives, 5,
          RankerConfig.defaults(seed).withRounds(rounds).withThreads(t), t);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    EvalCommand loader = new EvalCommand();
    loader.database = database;
    loader.input = input;
    loader.format = format;
    InteractionSnapshot snapshot = loader.load(p, err);
    Split split = p.split(snapshot, seed);
    PrintStream log = new PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        err.write(b);
        if (b == '\n') {
          err.flush();
        }
      }
    }, true);
    RankerEvaluation.Result r = RankerEvaluation.run(split, config, log);
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("protocol", p.name());
      o.put("seed", seed);
      o.put("sources", sources);
      o.put("perSource", perSource);
      o.put("negatives", negatives);
      o.put("singles", r.singles());
      o.put("blend", r.blend());
      o.put("ranker", r.ranker());
      o.put("bestSingle", r.bestSingle());
      o.put("ndcgGainOverBest", r.ndcgGainOverBest());
      o.put("ndcgGainCi95", r.ndcgGainCi95());
      o.put("candidateRecall", r.candidateRecall());
      o.put("meanCandidates", r.meanCandidates());
      o.put("trainGroups", r.groups());
      o.put("trainRows", r.rows());
      o.put("importance", r.importance());
      o.put("example", r.example());
      Output.json(out, o);
      return 0;
    }
    out.println("| model | Recall@10 | NDCG@10 | Hit@10 | train s |");
    out.println("|---|---|---|---|---|");
    for (RankerEvaluation.Line l : r.singles()) {
      row(out, l.name() + " alone", l);
    }
    row(out, "union, fixed blend", r.blend());
    row(out, "union, ranker", r.ranker());
    out.printf(Locale.ROOT, "ranker - %s NDCG@10 (paired): %+.4f +- %.4f; candidates/user %.1f,"
        + " test items among them %.4f%n", r.bestSingle(), r.ndcgGainOverBest(),
        r.ndcgGainCi95(), r.meanCandidates(), r.candidateRecall());
    out.println("example: " + r.example());
    return 0;
  }

  private static void row(PrintWriter out, String name, RankerEvaluation.Line l) {
    out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.1f |%n", name, l.recall(), l.ndcg(),
        l.hit(), l.trainSeconds());
  }
}
