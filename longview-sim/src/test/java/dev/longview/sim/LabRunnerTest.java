package dev.longview.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.lab.sim.SimConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lab end to end on a tiny world: every policy through a real SQLite store. */
class LabRunnerTest {
  private static final SimConfig TINY = SimConfig.defaults().withUsers(40).withDays(8)
      .withItemsPerTopic(5).withSensitivity(1.0);

  @Test
  void everyPolicyRuns_andTheSameSeedsGiveTheSameNumbers_onAnyNumberOfThreads() {
    List<String> policies = List.of("random", "popular", "myopic", "longview");
    LabRunner.Plan plan = new LabRunner.Plan(policies, TINY, 2, 2, false);
    LabRunner.Report a = LabRunner.run(plan, d -> {});
    LabRunner.Report b = LabRunner.run(new LabRunner.Plan(policies, TINY, 2, 1, false), d -> {});
    assertThat(a.perSeed()).isEqualTo(b.perSeed());
    assertThat(a.summaries().keySet()).containsExactly("random", "popular", "myopic", "longview");
    for (var runs : a.perSeed().values()) {
      assertThat(runs).hasSize(2);
      for (Map<String, Double> m : runs) {
        assertThat(m.get("sessions")).isGreaterThanOrEqualTo(40); // everyone arrives once
        assertThat(m.get("ctr")).isBetween(0.0, 1.0);
        assertThat(m.get("d1Retention")).isBetween(0.0, 1.0);
      }
    }
    // same seed, same arrivals whatever the policy (common random numbers); other seeds differ
    for (int seed = 0; seed < 2; seed++) {
      for (String policy : policies) {
        for (String cohort : List.of("arrivals.week1", "arrivals.week2")) {
          assertThat(a.perSeed().get(policy).get(seed).get(cohort)).as(policy + " " + cohort)
              .isEqualTo(a.perSeed().get("random").get(seed).get(cohort));
        }
      }
    }
    assertThat(a.perSeed().get("random").get(0)).isNotEqualTo(a.perSeed().get("random").get(1));
    Summary s = a.summaries().get("random").get("dau");
    assertThat(s.lo()).isLessThan(s.mean()).isLessThan(s.hi());
  }

  @Test
  void retentionByArrivalCohort_addsUpToThePooledRetention() {
    Map<String, Double> m = LabRunner.runOne("popular", TINY, 5, false, () -> {});
    // TINY: 8 days, so cohorts week1 (days 0-6) and week2 (day 7)
    assertThat(RunMetrics.cohortNames(8)).containsExactly("arrivals.week1", "d1Retention.week1",
        "d7Retention.week1", "d30Retention.week1", "arrivals.week2", "d1Retention.week2",
        "d7Retention.week2", "d30Retention.week2");
    assertThat(m.get("arrivals.week1") + m.get("arrivals.week2")).isEqualTo(40.0);
    assertThat(m.get("d30Retention.week1")).isNaN(); // day 30 is past an 8-day run
    assertThat(m.get("d1Retention.week2")).isNaN(); // day 7 arrivals have no day 8
    // D1 eligible users are exactly week 1's arrivals on days 0-6, so the cohort is the pool
    assertThat(m.get("d1Retention.week1")).isEqualTo(m.get("d1Retention"));
    assertThat(m.get("d7Retention.week1")).isEqualTo(m.get("d7Retention"));
  }

  @Test
  void freshSeedRange_runsThoseSeeds() {
    LabRunner.Report r = LabRunner.run(new LabRunner.Plan(List.of("random"), TINY, 1, 1, false,
        7), d -> {});
    assertThat(r.perSeed().get("random").get(0))
        .isEqualTo(LabRunner.runOne("random", TINY, 7, false, () -> {}));
  }

  @Test
  void storingImpressions_changesNothingTheWorldDoes_forPoliciesThatIgnoreThem() {
    Map<String, Double> without = LabRunner.runOne("popular", TINY, 3, false, () -> {});
    Map<String, Double> with = LabRunner.runOne("popular", TINY, 3, true, () -> {});
    assertThat(with).isEqualTo(without);
  }

  @Test
  void pipelinePolicies_neverRepeatAnItemInASession_andReportTheirStage() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("labpipe-test-");
    try (dev.longview.store.EventStore store =
        dev.longview.store.EventStore.open(dir.resolve("lab.db").toString())) {
      dev.longview.lab.sim.World world = new dev.longview.lab.sim.World(TINY, 4);
      store.upsertItems(world.items());
      dev.longview.retention.policy.Policy policy = LabPolicies.create("longview", 4);
      assertThat(policy).isInstanceOf(dev.longview.pipeline.PipelinePolicy.class);
      Map<String, java.util.Set<String>> shown = new java.util.HashMap<>();
      java.util.Set<String> stages = new java.util.HashSet<>();
      int[] slates = new int[1];
      for (int d = 0; d < 4; d++) {
        policy.retrain(store, TINY.start().plusSeconds(86_400L * d));
        java.util.List<dev.longview.core.Event> events = new java.util.ArrayList<>();
        world.simulateDay(r -> {
          var slate = policy.recommend(new dev.longview.retention.policy.Policy.VisitRequest(
              r.userId(), r.time(), r.sessionId(), r.shownInSession(), r.size()));
          // full pages until the 100-item catalogue runs short late in a long session
          assertThat(slate.items()).hasSizeBetween(r.shownInSession().size() <= 40 ? r.size() : 0,
              r.size()).doesNotHaveDuplicates();
          java.util.Set<String> session = shown.computeIfAbsent(r.sessionId(),
              k -> new java.util.HashSet<>());
          for (String id : slate.items()) {
            assertThat(session.add(id)).as("item %s shown twice in %s", id, r.sessionId())
                .isTrue();
          }
          stages.add(slate.stagePolicy());
          slates[0]++;
          return slate.items();
        }, e -> {
          policy.observe(e);
          if (!"impression".equals(e.type())) {
            events.add(e);
          }
        });
        store.append(events);
      }
      assertThat(slates[0]).isGreaterThan(40);
      // Day 0 everyone is unknown (new); later days the stage policies of returning users.
      assertThat(stages).contains("new").hasSizeGreaterThan(1)
          .isSubsetOf("new", "activating", "active", "at_risk", "loyal");
    } finally {
      try (var paths = java.nio.file.Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void realTimePipeline_excludesAnItemClickedSinceTheRetrain() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("labpipe-rt-");
    try (dev.longview.store.EventStore store =
        dev.longview.store.EventStore.open(dir.resolve("lab.db").toString())) {
      dev.longview.lab.sim.World world = new dev.longview.lab.sim.World(TINY, 5);
      store.upsertItems(world.items());
      java.util.List<dev.longview.core.Event> events = new java.util.ArrayList<>();
      dev.longview.pipeline.PipelinePolicy batch = dev.longview.pipeline.PipelinePolicy.myopic(5,
          false);
      dev.longview.pipeline.PipelinePolicy live = dev.longview.pipeline.PipelinePolicy.myopic(5,
          true);
      batch.retrain(store, TINY.start());
      world.simulateDay(r -> batch.recommend(new dev.longview.retention.policy.Policy.VisitRequest(
          r.userId(), r.time(), r.sessionId(), r.shownInSession(), r.size())).items(), e -> {
            if (!"impression".equals(e.type())) {
              events.add(e);
            }
          });
      store.append(events);
      java.time.Instant day1 = TINY.start().plusSeconds(86_400);
      batch.retrain(store, day1);
      live.retrain(store, day1);
      String user = events.get(0).userId();
      var page0 = new dev.longview.retention.policy.Policy.VisitRequest(user, day1, "s", List.of(),
          6);
      List<String> first = batch.recommend(page0).items();
      assertThat(live.recommend(page0).items()).isEqualTo(first);
      var page1 = new dev.longview.retention.policy.Policy.VisitRequest(user, day1.plusSeconds(5),
          "s", first, 6);
      String next = batch.recommend(page1).items().get(0);
      // The live policy hears of a click on the item the batch policy shows next.
      live.observe(new dev.longview.core.Event(user, next, "click", 3.0,
          java.time.OffsetDateTime.ofInstant(day1.plusSeconds(2), java.time.ZoneOffset.UTC),
          null, "rt-1"));
      List<String> livePage1 = live.recommend(page1).items();
      assertThat(livePage1).hasSize(6).doesNotContain(next).doesNotContainAnyElementsOf(first);
      assertThat(batch.recommend(page1).items()).contains(next);
    } finally {
      try (var paths = java.nio.file.Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void longviewsStageMapping_isNotDegenerate() {
    // 200 users arriving over 20 days: on the sessions' first pages no stage policy takes more
    // than 70%, and new, activating and active users each get at least 5%.
    SimConfig world = SimConfig.defaults().withUsers(200).withDays(40).withItemsPerTopic(10)
        .withSensitivity(1.0);
    Map<String, Double> m = LabRunner.runOne("longview", world, 1, false, () -> {});
    double sum = 0;
    for (String s : List.of("stageNew", "stageActivating", "stageActive", "stageAtRisk",
        "stageLoyal", "stageDormant")) {
      assertThat(m.get(s)).as(s).isLessThan(0.7);
      sum += m.get(s);
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(m.get("stageNew")).isGreaterThan(0.05);
    assertThat(m.get("stageActivating")).isGreaterThan(0.05);
    assertThat(m.get("stageActive")).isGreaterThan(0.05);
    // myopic reports the pipeline's simple activity stage, never a stage policy
    Map<String, Double> myopic = LabRunner.runOne("myopic", TINY, 1, false, () -> {});
    assertThat(myopic.get("stageActivating") + myopic.get("stageAtRisk")
        + myopic.get("stageLoyal")).isZero();
  }

  @Test
  void unknownPolicy_isRefusedWithTheKnownNames() {
    assertThatThrownBy(() -> new LabRunner.Plan(List.of("greedy"), TINY, 1, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"greedy\"").hasMessageContaining("longview");
  }

  @Test
  void summary_isAStudentTInterval() {
    Summary s = Summary.of(new double[] {1, 2, 3});
    assertThat(s.mean()).isEqualTo(2.0);
    // sd 1, se 1/sqrt(3), t(2) = 4.303
    assertThat(s.hi() - s.mean()).isCloseTo(4.303 / Math.sqrt(3), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Summary.of(new double[] {5}).lo()).isEqualTo(5.0);
  }
}
