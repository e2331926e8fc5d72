package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
