package dev.longview.deep;

import dev.longview.algorithms.Algorithms;
import dev.longview.core.model.Model;
import dev.longview.core.snapshot.InteractionSnapshot;
import dev.longview.core.snapshot.SnapshotBuilder;
import dev.longview.eval.Evaluator;
import dev.longview.eval.Protocol;
import dev.longview.eval.Report;
import dev.longview.eval.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a unit test (surefire's default patterns skip it): a quick P2 run for tuning on the
 * validation split without building the CLI jar. Reads {@code ml-100k/u.data} or {@code
 * ml-latest-small/ratings.csv} straight into a snapshot (ids as the importer keeps them), splits
 * with the {@code next-item} protocol and prints valid and test NDCG@10 / Hit@10. Run with
 * {@code mvn -o test -pl longview-core,longview-algorithms,longview-eval,longview-deep
 * -Dtest=P2Harness -Dsurefire.failIfNoSpecifiedTests=false -Dp2.data=ml-100k -Dp2.model=sasrec
 * -Dp2.params=epochs=20,learning_rate=0.002}.
 */
class P2Harness {
  @Test
  void run() throws IOException {
    String name = System.getProperty("p2.data", "ml-100k");
    Path root = null;
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("shared/data/" + name))) {
        root = dir.resolve("shared/data/" + name);
        break;
      }
    }
    Assumptions.assumeTrue(root != null, "shared/data/" + name + " is absent");
    boolean small = name.equals("ml-latest-small");
    List<String> lines = Files.readAllLines(root.resolve(small ? "ratings.csv" : "u.data"));
    Map<String, Integer> users = new LinkedHashMap<>();
    Map<String, Integer> items = new LinkedHashMap<>();
    List<String[]> rows = new java.util.ArrayList<>();
    for (String line : lines.subList(small ? 1 : 0, lines.size())) {
      String[] f = line.split(small ? "," : "\t");
      users.putIfAbsent(f[0], users.size());
      items.putIfAbsent(f[1], items.size());
      rows.add(f);
    }
    SnapshotBuilder b = new SnapshotBuilder();
    for (String u : users.keySet()) {
      b.addUser(u, null, null);
    }
    for (String i : items.keySet()) {
      b.addItem(i, List.of(), null, null, false);
    }
    for (String[] f : rows) {
      b.addInteraction(users.get(f[0]), items.get(f[1]), Float.parseFloat(f[2]), Long.parseLong(f[3]));
    }
    InteractionSnapshot snapshot = b.build();
    Split split = Protocol.named("next-item").split(snapshot, 42);
    DeepAlgorithms.registerAll(System.out::println);
    Evaluator evaluator = new Evaluator(List.of(10), 2);
    for (String model : new LinkedHashSet<>(List.of(System.getProperty("p2.model", "sasrec").split(";")))) {
      Map<String, String> params = new LinkedHashMap<>();
      String given = System.getProperty("p2.params", "");
      for (String kv : given.isBlank() ? new String[0] : given.split(",")) {
        String[] p = kv.split("=", 2);
        params.put(p[0], p[1]);
      }
      long t0 = System.nanoTime();
      Model m = Algorithms.trainer(model, params, 42).train(split.train());
      double seconds = (System.nanoTime() - t0) / 1e9;
      Report valid = evaluator.evaluate(m, split, Evaluator.Target.VALID);
      Report test = evaluator.evaluate(m, split, Evaluator.Target.TEST);
      System.out.printf(Locale.ROOT, "P2 %s %s %s: valid ndcg@10 %.4f hit@10 %.4f | test ndcg@10 %.4f ± %.4f hit@10 %.4f ± %.4f | train %.1f s%n",
          name, model, params, valid.mean("ndcg@10"), valid.mean("hit@10"), test.mean("ndcg@10"),
          test.ci95().get("ndcg@10"), test.mean("hit@10"), test.ci95().get("hit@10"), seconds);
    }
  }
}
