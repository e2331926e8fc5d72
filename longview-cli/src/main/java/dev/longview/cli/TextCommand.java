package dev.longview.cli;

import dev.longview.algorithms.Algorithms;
import dev.longview.core.model.Trainer;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.text.ItemText;
import dev.longview.core.text.TextEncoder;
import dev.longview.importer.ImportRequest;
import dev.longview.importer.Importer;
import dev.longview.importer.ProgressListener;
import dev.longview.store.EventStore;
import dev.longview.store.StoreWriter;
import dev.longview.text.TextIndex;
import dev.longview.text.TfIdfEncoder;
import dev.longview.text.coldstart.ColdStartEvaluation;
import dev.longview.text.coldstart.ColdStartEvaluation.Variant;
import dev.longview.text.coldstart.ColdStartSplit;
import dev.longview.text.onnx.OnnxSentenceEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code longview text}: the text encoders' measurements (cold start, encode throughput). */
@Command(name = "text", description = {
    "Text encoders: new-item cold start through text, and encode throughput.",
    "Encoders: tfidf (default; BM25 weights over Lucene's English analyzer, hashed to --dim) or"
        + " onnx:DIR (a BERT-family model directory with model.onnx and tokenizer.json, e.g. an"
        + " ONNX export of all-MiniLM-L6-v2; nothing is downloaded)."},
    subcommands = {TextCommand.ColdStart.class, TextCommand.EncodeBench.class})
final class TextCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the encoder a spec names, for a corpus: tfidf fits on it, onnx ignores it. */
  static Function<List<String>, TextEncoder> encoders(String spec, int dim) {
    if (spec.equals("tfidf")) {
      TfIdfEncoder.Config config = TfIdfEncoder.Config.defaults().withDimension(dim);
      return corpus -> TfIdfEncoder.fit(corpus, config);
    }
    if (spec.startsWith("onnx:")) {
      Path dir = Path.of(spec.substring("onnx:".length()));
      OnnxSentenceEncoder.open(dir).close(); // checks the directory up front, with its message
      return corpus -> OnnxSentenceEncoder.open(dir);
    }
    throw new UserError("unknown encoder \"" + spec + "\"; use tfidf or onnx:DIR (a folder with model.onnx and tokenizer.json)");
  }

  /** ml-latest-small (or any movielens-latest folder) imported into a temporary store. */
  static InteractionSnapshot load(Path input, PrintWriter err) {
    if (!Files.isDirectory(input) || !Files.exists(input.resolve("ratings.csv")) || !Files.exists(input.resolve("movies.csv"))) {
      throw new UserError("input " + input + " is not a MovieLens latest folder; pass one with ratings.csv,"
          + " movies.csv (and tags.csv), e.g. ../shared/data/ml-latest-small");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("longview-text");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the store", e);
    }
    try {
      try (EventStore store = EventStore.open(dir.resolve("text.db").toString())) {
        try (StoreWriter writer = store.writer()) {
          var report = Importer.run(ImportRequest.of("movielens-latest", input), writer, ProgressListener.NONE);
          err.printf(Locale.ROOT, "text: imported %s: %s events, %s rejected%n", input,
              Output.count(report.imported()), Output.count(report.rejected()));
        }
        return store.snapshot();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // A leftover temporary folder is harmless.
      }
    }
  }

  @Command(name = "cold-start", description = {
      "New-item cold start on a MovieLens latest folder: hold out a seeded share of the items with all"
          + " their interactions, rank only those for each user who consumed one, by random order, by"
          + " genre popularity and by text (user profile = mean of the text vectors of the user's"
          + " training items); with --cf, also the hybrid over all items (the model for warm items,"
          + " text-nearest warm items' scores for cold ones).",
      "Exit codes: 0 done, 2 bad input or option."})
  static final class ColdStart implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "MovieLens latest folder (ratings.csv, movies.csv, tags.csv)")
    Path input;
    @Option(names = "--encoder", defaultValue = "tfidf", paramLabel = "E", description = "tfidf or onnx:DIR (default: ${DEFAULT-VALUE})")
    String encoder;
    @Option(names = "--dim", defaultValue = "512", paramLabel = "D", description = "tfidf dimension (default: ${DEFAULT-VALUE})")
    int dim;
    @Option(names = "--cold", defaultValue = "0.1", paramLabel = "F", description = "share of items held out (default: ${DEFAULT-VALUE})")
    double cold;
    @Option(names = "--test", defaultValue = "0.2", paramLabel = "F", description = "share of each user's warm interactions held out for the hybrid (default: ${DEFAULT-VALUE})")
    double test;
    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "split seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--k", defaultValue = "10,50", split = ",", paramLabel = "K,..", description = "cutoffs (default: ${DEFAULT-VALUE})")
    List<Integer> ks;
    @Option(names = "--cf", defaultValue = "ials", paramLabel = "MODEL", description = "collaborative model of the hybrid, or none (default: ${DEFAULT-VALUE})")
    String cf;
    @Option(names = "--neighbours", defaultValue = "20", paramLabel = "N", description = "warm neighbours a cold item borrows scores from (default: ${DEFAULT-VALUE})")
    int neighbours;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Function<List<String>, TextEncoder> encoders = encoders(encoder, dim);
      Trainer trainer = cf.equals("none") ? null : Algorithms.trainer(cf, Map.of(), seed);
      ColdStartEvaluation.Config config;
      try {
        config = new ColdStartEvaluation.Config(ks, neighbours, seed);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      InteractionSnapshot all = load(input, err);
      Path tagsFile = input.resolve("tags.csv");
      MovieLensTags.Loaded tags = Files.exists(tagsFile) ? MovieLensTags.read(tagsFile, all)
          : new MovieLensTags.Loaded(IntStream.range(0, all.itemCount()).mapToObj(i -> List.<ColdStartEvaluation.UserText>of()).toList(), 0, 0);
      err.printf(Locale.ROOT, "text: %s tags on %s items (%s skipped)%n", Output.count(tags.tags()),
          Output.count(tags.perItem().stream().filter(l -> !l.isEmpty()).count()), Output.count(tags.skipped()));
      ColdStartSplit split = ColdStartSplit.of(all, cold, test, seed);
      ColdStartEvaluation.Result r = ColdStartEvaluation.run(split, tags.perItem(), List.of(Variant.values()),
          encoders, trainer, cf, config, line -> err.println("text: " + line));
      if (json) {
        Output.json(out, toJson(r));
      } else {
        print(out, r);
      }
      return 0;
    }

    private Map<String, Object> toJson(ColdStartEvaluation.Result r) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("input", input.toString());
      o.put("encoder", r.encoder());
      o.put("seed", seed);
      o.put("coldFraction", cold);
      o.put("testFraction", test);
      o.put("items", r.items());
      o.put("coldItems", r.coldItems());
      o.put("trainInteractions", r.trainInteractions());
      o.put("coldTestInteractions", r.coldTestInteractions());
      o.put("warmTestInteractions", r.warmTestInteractions());
      o.put("coldUsers", r.users());
      o.put("coldRanking", rows(r.coldRanking(), r.ks(), false));
      o.put("hybrid", rows(r.hybrid(), r.ks(), true));
      Map<String, Double> secs = new LinkedHashMap<>();
      r.seconds().forEach((k, v) -> secs.put(k, Output.round(v, 3)));
      o.put("seconds", secs);
      Map<String, Long> rates = new LinkedHashMap<>();
      r.itemsPerSecond().forEach((k, v) -> rates.put(k, Math.round(v)));
      o.put("encodeItemsPerSecond", rates);
      return o;
    }

    private static List<Map<String, Object>> rows(List<ColdStartEvaluation.Scores> scores, List<Integer> ks, boolean cold) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ColdStartEvaluation.Scores s : scores) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("method", s.method());
        row.put("users", s.users());
        for (int x = 0; x < ks.size(); x++) {
          row.put("recall@" + ks.get(x), Output.round(s.recall()[x], 4));
          row.put("ndcg@" + ks.get(x), Output.round(s.ndcg()[x], 4));
          row.put("hit@" + ks.get(x), Output.round(s.hit()[x], 4));
          if (cold) {
            row.put("coldRecall@" + ks.get(x), Output.round(s.coldRecall()[x], 4));
          }
        }
        rows.add(row);
      }
      return rows;
    }

    private void print(PrintWriter out, ColdStartEvaluation.Result r) {
      out.printf(Locale.ROOT, "cold start on %s, seed %d: %s items, %s held out (%.0f%%) with %s interactions;"
          + " %s training interactions; %s users with a held-out item%n", input, seed,
          Output.count(r.items()), Output.count(r.coldItems()), cold * 100, Output.count(r.coldTestInteractions()),
          Output.count(r.trainInteractions()), Output.count(r.users()));
      out.println("encoder: " + r.encoder());
      out.println("ranking the held-out items only:");
      table(out, r.coldRanking(), r.ks(), false);
      if (!r.hybrid().isEmpty()) {
        out.printf("all items, test = held-out warm (%s) + held-out items (%s); cold@k = share of a user's held-out items retrieved:%n",
            Output.count(r.warmTestInteractions()), Output.count(r.coldTestInteractions()));
        table(out, r.hybrid(), r.ks(), true);
      }
      out.println("encode throughput (items/s, one thread): " + r.itemsPerSecond().entrySet().stream()
          .map(e -> e.getKey() + " " + Output.count(Math.round(e.getValue()))).toList());
    }

    private static void table(PrintWriter out, List<ColdStartEvaluation.Scores> scores, List<Integer> ks, boolean cold) {
      StringBuilder h = new StringBuilder(String.format("  %-34s %6s", "method", "users"));
      for (int k : ks) {
        h.append(String.format(" %9s %9s %9s", "recall@" + k, "ndcg@" + k, "hit@" + k));
        if (cold) {
          h.append(String.format(" %9s", "cold@" + k));
        }
      }
      out.println(h);
      for (ColdStartEvaluation.Scores s : scores) {
        StringBuilder l = new StringBuilder(String.format("  %-34s %6d", s.method(), s.users()));
        for (int x = 0; x < ks.size(); x++) {
          l.append(String.format(Locale.ROOT, " %9.4f %9.4f %9.4f", s.recall()[x], s.ndcg()[x], s.hit()[x]));
          if (cold) {
            l.append(String.format(Locale.ROOT, " %9.4f", s.coldRecall()[x]));
          }
        }
        out.println(l);
      }
    }
  }

  @Command(name = "encode-bench", description = {
      "Encode throughput: fits the encoder on the item texts of a MovieLens latest folder (title and"
          + " genres from movies.csv), then encodes them all --repeat times, on one thread and on"
          + " --threads threads; prints items per second, and the time of an exact top-10 search"
          + " of the encoded catalogue (TextIndex) per query.",
      "Exit codes: 0 done, 2 bad input or option."})
  static final class EncodeBench implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "MovieLens latest folder")
    Path input;
    @Option(names = "--encoder", defaultValue = "tfidf", paramLabel = "E", description = "tfidf or onnx:DIR (default: ${DEFAULT-VALUE})")
    String encoder;
    @Option(names = "--dim", defaultValue = "512", paramLabel = "D", description = "tfidf dimension (default: ${DEFAULT-VALUE})")
    int dim;
    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "timed passes after one warm-up pass (default: ${DEFAULT-VALUE})")
    int repeat;
    @Option(names = "--threads", defaultValue = "2", paramLabel = "T", description = "threads of the parallel pass (default: ${DEFAULT-VALUE})")
    int threads;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (repeat < 1 || threads < 1) {
        throw new UserError("--repeat and --threads must be at least 1, got " + repeat + " and " + threads);
      }
      List<String> texts = movieTexts(input.resolve("movies.csv"));
      Function<List<String>, TextEncoder> encoders = encoders(encoder, dim);
      long t0 = System.nanoTime();
      try (TextEncoder enc = encoders.apply(texts)) {
        double fit = (System.nanoTime() - t0) / 1e9;
        enc.encodeAll(texts); // warm-up
        long t1 = System.nanoTime();
        for (int r = 0; r < repeat; r++) {
          enc.encodeAll(texts);
        }
        double single = (System.nanoTime() - t1) / 1e9;
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        int chunk = 64;
        long t2 = System.nanoTime();
        try {
          for (int r = 0; r < repeat; r++) {
            pool.submit(() -> IntStream.range(0, (texts.size() + chunk - 1) / chunk).parallel()
                .forEach(c -> enc.encodeAll(texts.subList(c * chunk, Math.min(texts.size(), (c + 1) * chunk)))))
                .get();
          }
        } finally {
          pool.shutdown();
        }
        double parallel = (System.nanoTime() - t2) / 1e9;
        double oneRate = texts.size() * (double) repeat / single;
        double parRate = texts.size() * (double) repeat / parallel;
        // Content recall over the encoded catalogue: exact top-10 for item texts used as queries.
        List<String> ids = IntStream.range(0, texts.size()).mapToObj(Integer::toString).toList();
        TextIndex index = TextIndex.build(enc, ids, texts);
        int queries = Math.min(1000, texts.size());
        for (int q = 0; q < queries; q++) {
          index.nearest(index.vector(q), 10, null); // warm-up
        }
        long t3 = System.nanoTime();
        for (int q = 0; q < queries; q++) {
          index.nearest(index.vector(q), 10, null);
        }
        double queryMs = (System.nanoTime() - t3) / 1e6 / queries;
        if (json) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("encoder", enc.name());
          o.put("items", texts.size());
          o.put("fitSeconds", Output.round(fit, 3));
          o.put("itemsPerSecond1Thread", Math.round(oneRate));
          o.put("threads", threads);
          o.put("itemsPerSecondThreads", Math.round(parRate));
          o.put("exactTop10QueryMs", Output.round(queryMs, 3));
          Output.json(out, o);
        } else {
          out.printf(Locale.ROOT, "%s: %s item texts; fit/open %.2f s; %s items/s on 1 thread, %s items/s on %d threads;"
              + " TextIndex exact top-10 of %s items: %.3f ms/query%n",
              enc.name(), Output.count(texts.size()), fit, Output.count(Math.round(oneRate)),
              Output.count(Math.round(parRate)), threads, Output.count(texts.size()), queryMs);
        }
      }
      return 0;
    }

    private static List<String> movieTexts(Path movies) {
      if (!Files.isRegularFile(movies)) {
        throw new UserError(movies + " does not exist; pass a MovieLens latest folder, e.g. ../shared/data/ml-latest-small");
      }
      List<String> out = new ArrayList<>();
      try {
        List<String> lines = Files.readAllLines(movies);
        for (int i = 1; i < lines.size(); i++) {
          List<String> f = MovieLensTags.fields(lines.get(i));
          if (f == null || f.size() != 3) {
            throw new UserError("line " + (i + 1) + " of " + movies + ": expected movieId,title,genres, got \"" + lines.get(i) + "\"");
          }
          out.add(ItemText.of(f.get(1), null, List.of(f.get(2).split("\\|")), List.of()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + movies, e);
      }
      return out;
    }
  }
}
