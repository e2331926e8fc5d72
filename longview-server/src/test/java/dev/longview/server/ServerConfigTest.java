package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longview.pipeline.PipelineConfig;
import dev.longview.pipeline.RetentionStage;
import dev.longview.pipeline.ValueRecallSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void defaults_listenOnLoopback_withTheIalsChain_andNoKeys() {
    ServerConfig c = ServerConfig.defaults();
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.model()).isEqualTo("ials");
    assertThat(c.maxBatchSize()).isEqualTo(10_000);
    assertThat(c.authEnabled()).isFalse();
    assertThat(c.retrainInterval()).isEqualTo(Duration.ZERO);
  }

  @Test
  void parse_readsEveryField() {
    ServerConfig c = ServerConfig.parse("""
        {"host": "0.0.0.0", "port": 9000, "maxBatchSize": 500, "maxBodyBytes": 65536,
         "model": "pop", "retrainInterval": "PT30M",
         "apiKeys": [{"name": "app", "key": "0123456789abcdef0123", "scopes": ["read", "WRITE"]}]}""");
    assertThat(c).isEqualTo(new ServerConfig("0.0.0.0", 9000,
        List.of(new ApiKey("app", "0123456789abcdef0123", Set.of(Scope.READ, Scope.WRITE))), 500,
        65536, "pop", Duration.ofMinutes(30), dev.longview.pipeline.PipelineConfig.defaults()));
  }

  @Test
  void catalogueRefresh_defaultsToAMinute_parses_andRefusesTooShort() {
    assertThat(ServerConfig.defaults().catalogueRefresh()).isEqualTo(Duration.ofMinutes(1));
    assertThat(ServerConfig.parse("{\"catalogueRefresh\": \"PT5S\"}").catalogueRefresh())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(ServerConfig.parse("{\"catalogueRefresh\": \"PT0S\"}").catalogueRefresh())
        .isZero();
    assertThatThrownBy(() -> ServerConfig.parse("{\"catalogueRefresh\": \"PT0.1S\"}"))
        .hasMessageContaining("catalogueRefresh was PT0.1S; use PT0S");
    assertThatThrownBy(() -> ServerConfig.parse("{\"catalogueRefresh\": \"soon\"}"))
        .hasMessageContaining("catalogueRefresh \"soon\" is not an ISO-8601 duration");
  }

  @Test
  void parse_labResults_isOptionalAndMustBeAPath() {
    assertThat(ServerConfig.defaults().labResultsFile()).isNull();
    assertThat(ServerConfig.parse("{\"labResults\": \"out/lab.json\"}").labResultsFile())
        .isEqualTo(java.nio.file.Path.of("out/lab.json"));
    assertThatThrownBy(() -> ServerConfig.parse("{\"labResults\": \" \"}"))
        .hasMessageContaining("labResults is empty");
    assertThatThrownBy(() -> ServerConfig.parse("{\"labResults\": 3}"))
        .hasMessageContaining("labResults must be a string");
  }

  @Test
  void parse_refusesMistakes_withMessagesThatSayWhatToDo() {
    assertThatThrownBy(() -> ServerConfig.parse("{\"prot\": 1}"))
        .hasMessageContaining("unknown field \"prot\"").hasMessageContaining("port");
    assertThatThrownBy(() -> ServerConfig.parse("{\"port\": 70000}")).hasMessageContaining("0..65535");
    assertThatThrownBy(() -> ServerConfig.parse("{\"model\": \"magic\"}"))
        .hasMessageContaining("unknown model \"magic\"").hasMessageContaining("pop");
    assertThatThrownBy(() -> ServerConfig.parse("{\"retrainInterval\": \"1h\"}"))
        .hasMessageContaining("PT30M");
    assertThatThrownBy(() -> ServerConfig.parse(
        "{\"apiKeys\": [{\"name\": \"a\", \"key\": \"short\", \"scopes\": [\"read\"]}]}"))
        .hasMessageContaining("at least 16");
    assertThatThrownBy(() -> ServerConfig.parse(
        "{\"apiKeys\": [{\"name\": \"a\", \"key\": \"0123456789abcdef0\", \"scopes\": [\"root\"]}]}"))
        .hasMessageContaining("unknown scope \"root\"");
    assertThatThrownBy(() -> ServerConfig.parse("{\"port\": ")).hasMessageContaining("not valid JSON");
  }

  @Test
  void apiKey_neverPrintsItsSecret() {
    assertThat(new ApiKey("app", "0123456789abcdef0123", Set.of(Scope.READ)).toString())
        .doesNotContain("0123456789abcdef0123");
  }

  @Test
  void parse_retentionSettings_overTheServingDefaults() {
    ServerConfig c = ServerConfig.parse("""
        {"pipeline": {"retentionSettings": {"candidates": 80, "valueUnit": 0.02,
            "stages": {"at_risk": {"valueWeight": 2.0}, "new": {"exploration": 0.2}},
            "categoryPlan": {"pageSize": 6, "explore": 1, "minZ": 0.5}},
          "valueEstimator": {"empiricalBayes": true, "surrogate": true}}}
        """);
    var r = c.pipeline().rerank();
    var d = dev.longview.pipeline.RetentionStage.servingDefaults();
    assertThat(r.candidates()).isEqualTo(80);
    assertThat(r.valueUnit()).isEqualTo(0.02);
    assertThat(r.churnRiskBoost()).isEqualTo(d.churnRiskBoost());
    var atRisk = r.settings(dev.longview.retention.StagePolicy.AT_RISK);
    assertThat(atRisk.valueWeight()).isEqualTo(2.0);
    assertThat(atRisk.diversityWeight())
        .isEqualTo(d.settings(dev.longview.retention.StagePolicy.AT_RISK).diversityWeight());
    var fresh = r.settings(dev.longview.retention.StagePolicy.NEW);
    assertThat(fresh.exploration()).isEqualTo(0.2);
    assertThat(fresh.useGateway()).isTrue(); // the new-user default kept
    assertThat(r.settings(dev.longview.retention.StagePolicy.LOYAL))
        .isEqualTo(d.settings(dev.longview.retention.StagePolicy.LOYAL));
    assertThat(r.categorySlate())
        .isEqualTo(new dev.longview.retention.CategorySlate(6, 1, 0.5));
    assertThat(c.pipeline().valueEstimator().empiricalBayes()).isTrue();
    assertThat(c.pipeline().valueEstimator().surrogate()).isTrue();
    assertThat(c.pipeline().valueEstimator().horizonDays()).isEqualTo(3);
    // what the server builds its pipeline from carries them
    assertThat(c.servingPipeline().rerank()).isEqualTo(r);
    // left out: the serving defaults, no plan, the fixed estimator
    assertThat(ServerConfig.defaults().pipeline().rerank()).isEqualTo(d);
    assertThat(d.categorySlate()).isNull();
  }

  @Test
  void theLabEngineConfigFile_isThePolicyLabsLongview() throws Exception {
    // docs/config/lab-engine.json serves what `longview lab run --policy longview` runs
    // (LabPolicies: PipelinePolicy.longview with the lab's settings, chain itemknn -> pop)
    ServerConfig c = ServerConfig.parse(java.nio.file.Files.readString(
        java.nio.file.Path.of("../docs/config/lab-engine.json")));
    PipelineConfig p = c.servingPipeline();
    assertThat(p.chain()).isEqualTo(dev.longview.pipeline.PipelinePolicy.CHAIN);
    assertThat(p.retention()).isTrue();
    assertThat(p.valueEstimator()).isEqualTo(RetentionStage.labEstimator());
    assertThat(p.valueRecall()).isEqualTo(ValueRecallSettings.of(
        RetentionStage.LAB_VALUE_RECALL_WEIGHT, RetentionStage.LAB_VALUE_RECALL_SIZE));
    var lab = RetentionStage.labDefaults();
    var r = p.rerank();
    for (var stage : dev.longview.retention.StagePolicy.values()) {
      var want = lab.settings(stage);
      var got = r.settings(stage);
      assertThat(got.valueWeight()).as(stage.label()).isCloseTo(want.valueWeight(),
          org.assertj.core.api.Assertions.within(1e-12));
      assertThat(got).as(stage.label()).isEqualTo(new dev.longview.retention.StageSettings(
          got.valueWeight(), want.useGateway(), want.diversityWeight(), want.noveltyWeight(),
          want.exploration()));
    }
    assertThat(r.withStages(lab.stages())).isEqualTo(lab);
  }

  @Test
  void parse_valueRecall_andItsMistakes() {
    assertThat(ServerConfig.defaults().pipeline().valueRecall()).isEqualTo(ValueRecallSettings.NONE);
    assertThat(ServerConfig.parse("{\"pipeline\": {\"valueRecall\": {\"weight\": 2}}}")
        .pipeline().valueRecall()).isEqualTo(ValueRecallSettings.of(2, 100));
    assertThatThrownBy(() -> ServerConfig.parse(
        "{\"pipeline\": {\"valueRecall\": {\"weight\": 1, \"size\": 0}}}"))
        .hasMessageContaining("pipeline.valueRecall")
        .hasMessageContaining("size >= 1");
    assertThatThrownBy(() -> ServerConfig.parse(
        "{\"pipeline\": {\"valueRecall\": {\"items\": 10}}}"))
        .hasMessageContaining("unknown field \"pipeline.valueRecall.items\"");
  }

  @Test
  void parse_retentionSettings_refusesMistakes_sayingWhere() {
    assertThatThrownBy(() -> ServerConfig.parse(
        "{\"pipeline\": {\"retentionSettings\": {\"stages\": {\"sleepy\": {}}}}}"))
        .hasMessageContaining("pipeline.retentionSettings.stages.sleepy")
        .hasMessageContaining("activating, active, at_risk, loyal, new");
    assertThatThrownBy(() -> ServerConfig.parse(
        "{\"pipeline\": {\"retentionSettings\": {\"stages\": {\"new\": {\"exploration\": 1.5}}}}}"))
        .hasMessageContaining("pipeline.retentionSettings.stages.new")
        .hasMessageContaining("exploration in [0, 1)");
    assertThatThrownBy(() -> ServerConfig.parse(
        "{\"pipeline\": {\"retentionSettings\": {\"candidates\": \"many\"}}}"))
        .hasMessageContaining("pipeline.retentionSettings.candidates must be an integer");
    assertThatThrownBy(() -> ServerConfig.parse(
        "{\"pipeline\": {\"retentionSettings\": {\"categoryPlan\": {\"pageSize\": 0}}}}"))
        .hasMessageContaining("pipeline.retentionSettings.categoryPlan")
        .hasMessageContaining("pageSize >= 1");
    assertThatThrownBy(() -> ServerConfig.parse(
        "{\"pipeline\": {\"valueEstimator\": {\"surrogate\": \"yes\"}}}"))
        .hasMessageContaining("pipeline.valueEstimator.surrogate must be true or false");
    assertThatThrownBy(() -> ServerConfig.parse(
        "{\"pipeline\": {\"valueEstimator\": {\"horizon\": 3}}}"))
        .hasMessageContaining("unknown field \"pipeline.valueEstimator.horizon\"");
  }
}
