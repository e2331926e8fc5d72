package dev.longview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.algorithms.bundle.ModelBundles;
import dev.longview.core.model.Model;
import dev.longview.deep.SequenceBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code longview train}: bundles from a dataset file and from a store, and its errors. */
class TrainCommandTest {
  @TempDir Path dir;

  /** A MovieLens-100K file: 8 users, each rating 5 of 10 items, two taste groups. */
  private Path dataset() throws Exception {
    StringBuilder s = new StringBuilder();
    for (int u = 1; u <= 8; u++) {
      for (int k = 0; k < 5; k++) {
        int item = (u % 2 == 0 ? 1 : 6) + k;
        s.append(u).append('\t').append(item).append("\t4\t").append(1_000_000 + 10 * u + k)
            .append('\n');
      }
    }
    Path file = dir.resolve("ml-100k").resolve("u.data");
    Files.createDirectories(file.getParent());
    Files.writeString(file, s);
    return file;
  }

  @Test
  void train_fromAFile_writesVersionedBundles_andLatest() throws Exception {
    Path models = dir.resolve("models");
    String[] args = {"train", "--model", "lightgcn", "--input", dataset().getParent().toString(),
        "--params", "factors=8,epochs=20,valid_fraction=0", "--seed", "3", "--models-dir",
        models.toString(), "--json"};
    CliTest.Run r = CliTest.run(args);
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("algorithm").asText()).isEqualTo("lightgcn");
    assertThat(j.get("version").asInt()).isEqualTo(1);
    assertThat(j.get("seed").asLong()).isEqualTo(3);
    assertThat(j.get("params").get("factors").asText()).isEqualTo("8");
    assertThat(j.get("params").get("layers").asText()).isEqualTo("3"); // defaults recorded too
    assertThat(j.get("data").get("users").asInt()).isEqualTo(8);
    assertThat(j.get("data").get("items").asInt()).isEqualTo(10);
    assertThat(j.get("data").get("interactions").asInt()).isEqualTo(40);
    assertThat(j.get("data").get("maxEventTime").asText()).isEqualTo("1970-01-12T13:48:04Z");
    Path v1 = models.resolve("lightgcn/v1");
    Model model = ModelBundles.readModel(v1);
    assertThat(model.userCount()).isEqualTo(8);
    assertThat(ModelBundles.readIds(v1, ModelBundles.USERS)).contains("1", "8");

    CliTest.Run again = CliTest.run(args);
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.json().get("version").asInt()).isEqualTo(2);
    assertThat(Files.readString(models.resolve("lightgcn/LATEST")).trim()).isEqualTo("v2");
    assertThat(models.resolve("lightgcn/v1/model.lvm")).exists();
  }

  @Test
  void train_fromAStore_withAnotherName_andHumanOutput() throws Exception {
    String db = dir.resolve("lv.db").toString();
    CliTest.Run imported = CliTest.run("import", "--db", db, "--format", "movielens-100k",
        "--input", dataset().toString(), "--rejects", dir.resolve("rejects.csv").toString());
    assertThat(imported.exit()).as(imported.err()).isZero();
    Path models = dir.resolve("models");
    CliTest.Run r = CliTest.run("train", "--db", db, "--model", "pop", "--name", "baseline",
        "--models-dir", models.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("trained pop").contains("version 1");
    assertThat(ModelBundles.readManifest(models.resolve("baseline/v1")).data().source())
        .isEqualTo(db);
  }

  @Test
  void train_rejectsBadInput_withExitCode2_andWritesNothing() throws Exception {
    Path models = dir.resolve("models");
    String data = dataset().toString();
    String[][] bad = {
        {"--model", "nope", "--input", data},
        {"--model", "lightgcn", "--input", data, "--params", "layers=-2"},
        {"--model", "pop", "--input", data, "--name", "../escape"},
        {"--model", "pop", "--input", dir.resolve("missing.csv").toString()},
        {"--model", "pop", "--input", data, "--db", dir.resolve("x.db").toString()},
        {"--model", "pop", "--db", dir.resolve("absent.db").toString()},
    };
    String[] messages = {"unknown model \"nope\"", "parameter layers of model lightgcn",
        "bundle name \"../escape\"", "does not exist", "not both", "no database at"};
    for (int k = 0; k < bad.length; k++) {
      String[] args = new String[bad[k].length + 3];
      args[0] = "train";
      System.arraycopy(bad[k], 0, args, 1, bad[k].length);
      args[args.length - 2] = "--models-dir";
      args[args.length - 1] = models.toString();
      CliTest.Run r = CliTest.run(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).contains(messages[k]);
    }
    assertThat(models).doesNotExist();
  }

  @Test
  void train_gru4rec_writesABundleThatLoadsBack() throws Exception {
    Path models = dir.resolve("models");
    CliTest.Run r = CliTest.run("train", "--model", "gru4rec", "--input",
        dataset().getParent().toString(), "--params", "dim=8,max_len=8,epochs=2,patience=0",
        "--models-dir", models.toString(), "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().get("algorithm").asText()).isEqualTo("gru4rec");
    assertThat(r.json().get("files").toString()).contains("network.params", "items.txt")
        .doesNotContain("model.lvm");
    try (SequenceBundles.Loaded loaded = SequenceBundles.load(models.resolve("gru4rec"))) {
      assertThat(loaded.manifest().version()).isEqualTo(1);
      assertThat(loaded.manifest().params().get("dim")).isEqualTo("8");
      assertThat(loaded.itemIds()).hasSize(10).contains("1", "10");
      float[] scores = new float[10];
      loaded.model().scoreSequence(new int[] {loaded.itemIds().indexOf("1"),
          loaded.itemIds().indexOf("2")}, scores);
      assertThat(scores).doesNotContain(Float.NaN);
    }
  }

  @Test
  void serve_refusesASequenceModelThatIsNotThere_orNotSequential() throws Exception {
    Path models = dir.resolve("models");
    CliTest.Run pop = CliTest.run("train", "--model", "pop", "--input",
        dataset().getParent().toString(), "--models-dir", models.toString());
    assertThat(pop.exit()).as(pop.err()).isZero();
    String[][] cases = {{models.resolve("absent").toString(), "does not exist"},
        {models.resolve("pop").toString(), "not a sequential one"}};
    for (String[] c : cases) {
      Path config = dir.resolve("server.json");
      Files.writeString(config, "{\"port\": 0, \"sequenceModel\": \"" + c[0] + "\"}");
      CliTest.Run r = CliTest.run("serve", "--db", dir.resolve("x.db").toString(), "--config",
          config.toString());
      assertThat(r.exit()).as(r.out()).isEqualTo(2);
      assertThat(r.err()).contains("sequenceModel").contains(c[1]);
    }
  }
}
