package dev.longview.cli;

import dev.longview.algorithms.Algorithms;
import dev.longview.algorithms.Param;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.eval.Dataset;
import dev.longview.eval.Experiment;
import dev.longview.eval.ExperimentConfig;
import dev.longview.eval.ExperimentResult;
import dev.longview.eval.Protocol;
import dev.longview.eval.SearchDimension;
import dev.longview.store.EventStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", description = {
    "Offline evaluation of a model under a named protocol (see PROTOCOLS.md): filter, split per seed,"
        + " train on train, optionally tune on valid, report full-ranking metrics on test.",
    "Protocols: ml1m-recbole (P1: ratings >= 3, 10-core, per-user random 80/10/10),"
        + " next-item (P2: users with >= 5 ratings, chronological leave-last-out).",
    "Input: a dataset (--input, imported into a temporary SQLite store) or an existing store (--db).",
    "Exit codes: 0 done, 2 bad input or option, 3 database."})
final class EvalCommand implements Callable<Integer> {
  @Mixin DatabaseOption database;
  @Option(names = "--protocol", required = true, paramLabel = "NAME", description = "ml1m-recbole or next-item")
  String protocol;
  @Option(names = "--input", paramLabel = "PATH",
      description = "dataset file or folder (ml-1m, ml-100k, ml-latest-small); or use --db")
  Path input;
  @Option(names = "--format", paramLabel = "F",
      description = "import format of --input; default: movielens-1m for ml1m-recbole, detected from the files for next-item")
  String format;
  @Option(names = "--model", required = true, paramLabel = "MODEL", description = "algorithm name, e.g. pop")
  String model;
  @Option(names = "--param", paramLabel = "NAME=VALUE", description = "model parameter (repeatable); fixed, never tuned")
  Map<String, String> params = new LinkedHashMap<>();
  @Option(names = "--seeds", defaultValue = "1", paramLabel = "N", description = "runs with seeds S..S+N-1 (default: ${DEFAULT-VALUE})")
  int seeds;
  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "first seed (default: ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--tune", defaultValue = "0", paramLabel = "TRIALS",
      description = "random-search trials on the validation split (trial 1 = the given parameters); 0 = none")
  int tune;
  @Option(names = "--objective", paramLabel = "METRIC", description = "what tuning maximises (default: ndcg@ the first k)")
  String objective;
  @Option(names = "--k", defaultValue = "10,20", split = ",", paramLabel = "K,..", description = "cutoffs (default: ${DEFAULT-VALUE})")
  List<Integer> ks;
  @Option(names = "--threads", paramLabel = "T", description = "evaluation threads (default: available processors)")
  Integer threads;
  @Option(names = "--json", description = "print one JSON object")
  boolean json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Protocol p = Protocol.named(protocol);
    Map<String, String> defaults = Algorithms.defaults(model);
    Algorithms.trainer(model, params, seed); // checks parameter names and values up front
    if (seeds < 1) {
      throw new UserError("--seeds must be at least 1, got " + seeds);
    }
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    ExperimentConfig config;
    try {
      config = new ExperimentConfig(ExperimentConfig.seeds(seed, seeds), tune, objective, ks, threadCount);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }

    long loadStart = System.nanoTime();
    InteractionSnapshot snapshot = load(p, err);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    Dataset data = p.prepare(snapshot);
    if (data.size() == 0) {
      throw new UserError("protocol " + p.name() + " left no interactions of " + snapshot.size()
          + "; check that the input is the dataset the protocol expects");
    }
    err.printf(Locale.ROOT, "eval: %s after %s filtering (loaded in %.1f s)%n", data, p.name(), loadSeconds);
    List<SearchDimension> space = new ArrayList<>();
    for (Param x : Algorithms.searchSpace(model)) {
      space.add(new SearchDimension(x.name(), x.min(), x.max(), x.logScale(), x.integer()));
    }
    if (tune > 0 && space.isEmpty()) {
      err.println("eval: model " + model + " has no tunable parameters; --tune is ignored");
    }
    ExperimentResult result = Experiment.run(data, p.splitter(),
        (given, s) -> Algorithms.trainer(model, given, s), params, space, config,
        line -> err.println("eval: " + line));

    Map<String, Object> o = toJson(p, data, defaults, result);
    if (json) {
      Output.json(out, o);
    } else {
      print(out, p, data, defaults, result);
    }
    return 0;
  }

  /** The snapshot to evaluate: from --db, or --input imported into a temporary store. */
  InteractionSnapshot load(Protocol p, PrintWriter err) {
    if ((input == null) == (database.db == null)) {
      throw new UserError("give either --input PATH (a dataset file or folder) or --db DB (an existing store), not "
          + (input == null ? "neither" : "both"));
    }
    if (input == null) {
      try (EventStore store = database.openExisting()) {
        return store.snapshot();
      }
    }
    DatasetSnapshots.requireExists(input);
    String f = format != null ? format : detectFormat(p, input);
    return DatasetSnapshots.of(input, f, "eval", err);
  }

  /** The import format a protocol's input is in; next-item reads timestamped MovieLens files. */
  static String detectFormat(Protocol p, Path input) {
    if (p.name().equals("ml1m-recbole")) {
      return "movielens-1m";
    }
    Path dir = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
    String name = Files.isDirectory(input) ? "" : input.getFileName().toString();
    if (name.equals("u.data") || (name.isEmpty() && Files.exists(dir.resolve("u.data")))) {
      return "movielens-100k";
    }
    if (name.equals("ratings.csv") || (name.isEmpty() && Files.exists(dir.resolve("ratings.csv")))) {
      return "movielens-latest";
    }
    if (name.equals("ratings.dat") || (name.isEmpty() && Files.exists(dir.resolve("ratings.dat")))) {
      return "movielens-1m";
    }
    throw new UserError("cannot tell the format of " + input + " for protocol " + p.name()
        + "; pass ml-100k's u.data, ml-latest's ratings.csv or ml-1m's ratings.dat (with timestamps),"
        + " or name the format with --format");
  }


  private Map<String, String> effective(Map<String, String> defaults, Map<String, String> chosen) {
    Map<String, String> m = new LinkedHashMap<>(defaults);
    m.putAll(chosen);
    return m;
  }

  private Map<String, Object> toJson(Protocol p, Dataset data, Map<String, String> defaults,
      ExperimentResult r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("protocol", p.name());
    o.put("split", p.splitter().describe());
    o.put("model", model);
    o.put("params", effective(defaults, r.runs().get(0).params()));
    o.put("users", data.userCount());
    o.put("items", data.itemCount());
    o.put("interactions", data.size());
    o.put("metrics", rounded(r.mean()));
    o.put("sd", rounded(r.sdAcrossSeeds()));
    o.put("ci95", rounded(r.ci95()));
    o.put("trainSeconds", Output.round(r.trainSeconds(), 3));
    double evalSeconds = r.runs().stream().mapToDouble(x -> x.test().seconds()).average().orElse(0);
    o.put("evalSeconds", Output.round(evalSeconds, 3));
    o.put("usersPerSecond", Math.round(r.runs().stream().mapToDouble(x -> x.test().usersPerSecond()).average().orElse(0)));
    o.put("threads", threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    List<Map<String, Object>> perSeed = new ArrayList<>();
    for (ExperimentResult.SeedRun run : r.runs()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("seed", run.seed());
      s.put("params", effective(defaults, run.params()));
      if (!Double.isNaN(run.validObjective())) {
        s.put("validObjective", Output.round(run.validObjective(), 6));
      }
      s.put("testUsers", run.test().users());
      s.put("trainSeconds", Output.round(run.trainSeconds(), 3));
      s.put("evalSeconds", Output.round(run.test().seconds(), 3));
      s.put("metrics", rounded(run.test().means()));
      perSeed.add(s);
    }
    o.put("seeds", perSeed);
    return o;
  }

  private static Map<String, Double> rounded(Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v == null || v.isNaN() ? null : Output.round(v, 6)));
    return out;
  }

  private void print(PrintWriter out, Protocol p, Dataset data, Map<String, String> defaults,
      ExperimentResult r) {
    out.printf("protocol %s (%s), model %s %s%n", p.name(), p.splitter().describe(), model,
        effective(defaults, r.runs().get(0).params()));
    out.printf("data after filtering: %s users, %s items, %s interactions; seeds %s%n",
        Output.count(data.userCount()), Output.count(data.itemCount()), Output.count(data.size()),
        r.runs().stream().map(x -> Long.toString(x.seed())).toList());
    Map<String, Double> mean = r.mean();
    Map<String, Double> ci = r.ci95();
    Map<String, Double> sd = r.sdAcrossSeeds();
    TreeSet<Integer> cutoffs = new TreeSet<>();
    List<String> metrics = new ArrayList<>();
    for (String name : mean.keySet()) {
      int at = name.indexOf('@');
      cutoffs.add(Integer.parseInt(name.substring(at + 1)));
      if (!metrics.contains(name.substring(0, at))) {
        metrics.add(name.substring(0, at));
      }
    }
    boolean several = r.runs().size() > 1;
    StringBuilder header = new StringBuilder(String.format("%-10s", "metric"));
    for (int k : cutoffs) {
      header.append(String.format("  %-" + (several ? 30 : 18) + "s", "@" + k));
    }
    out.println(header);
    for (String m : metrics) {
      StringBuilder line = new StringBuilder(String.format("%-10s", m));
      for (int k : cutoffs) {
        String key = m + "@" + k;
        Double v = mean.get(key);
        String cell = v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
        if (ci.containsKey(key)) {
          cell += String.format(Locale.ROOT, " ± %.4f", ci.get(key));
        }
        if (several && v != null) {
          cell += String.format(Locale.ROOT, " (sd %.4f)", sd.get(key));
        }
        line.append(String.format("  %-" + (several ? 30 : 18) + "s", cell));
      }
      out.println(line);
    }
    out.println("(± = 95% interval over test users; sd = spread of the means across seeds)");
    ExperimentResult.SeedRun first = r.runs().get(0);
    out.printf(Locale.ROOT, "train %.2f s; evaluation of %s test users in %.2f s (%s users/s)%n",
        r.trainSeconds(), Output.count(first.test().users()), first.test().seconds(),
        Output.count(Math.round(first.test().usersPerSecond())));
  }
}
