package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longview.core.Event;
import dev.longview.core.EventContext;
import dev.longview.server.ServerFixture.Reply;
import dev.longview.store.StoreWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analytics routes on a shop small enough to compute by hand. Weeks start on Monday
 * 2024-01-01 (W1), 01-08 (W2), 01-15 (W3), 01-22 (W4):
 * <ul>
 *   <li>a views on Jan 1, 8 and 22 (W1, W2, W4);
 *   <li>b views on Jan 8 and buys order o1 (1 x 10.0) on Jan 9 (W2);
 *   <li>c views on Jan 15 and 22 (W3, W4).
 * </ul>
 */
class AnalyticsEndpointsTest {
  static final String KEY = "analytics-read-key-0123";
  static final OffsetDateTime JAN1 = OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  @TempDir Path dir;
  ServerFixture api;

  static void shop(StoreWriter w) {
    w.addEvent(Event.of("a", "i1", "view", JAN1));
    w.addEvent(Event.of("a", "i2", "view", JAN1.plusDays(7)));
    w.addEvent(Event.of("a", "i3", "view", JAN1.plusDays(21)));
    w.addEvent(Event.of("b", "i1", "view", JAN1.plusDays(7)));
    w.addEvent(new Event("b", "i2", "purchase", 1.0, JAN1.plusDays(8),
        new EventContext("o1", null, null, null, Map.of("unitPrice", 10.0)), null));
    w.addEvent(Event.of("c", "i1", "view", JAN1.plusDays(14)));
    w.addEvent(Event.of("c", "i2", "view", JAN1.plusDays(21)));
  }

  @BeforeEach
  void start() {
    api = ServerFixture.start(dir, ServerConfig.defaults().withApiKeys(List.of(
        new ApiKey("dashboard", KEY, Set.of(Scope.READ)))), AnalyticsEndpointsTest::shop);
    api.apiKey = KEY;
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void overview_totalsActiveUsersAndEventsByHand() {
    JsonNode o = ok("/api/v1/analytics/overview?interval=week");
    assertThat(o.at("/range/from").asText()).isEqualTo("2024-01-01");
    assertThat(o.at("/range/to").asText()).isEqualTo("2024-01-22");
    assertThat(o.at("/range/asOf").asText()).isEqualTo("2024-01-22T12:00:00.001Z");
    assertThat(o.at("/totals/users").asInt()).isEqualTo(3);
    assertThat(o.at("/totals/events").asInt()).isEqualTo(7);
    assertThat(o.at("/totals/activeUsersInRange").asInt()).isEqualTo(3);
    assertThat(o.at("/current/dau").asInt()).isEqualTo(2);
    assertThat(o.at("/current/wau").asInt()).isEqualTo(2);
    assertThat(o.at("/current/mau").asInt()).isEqualTo(3);
    assertThat(o.get("perInterval").findValuesAsText("events")).containsExactly("1", "3", "1", "2");
    assertThat(o.get("perInterval").findValuesAsText("activeUsers")).containsExactly("1", "2", "1", "2");
    assertThat(o.at("/eventsByType/0/type").asText()).isEqualTo("view");
    assertThat(o.at("/eventsByType/0/events").asInt()).isEqualTo(6);
    assertThat(o.at("/eventsByType/1/events").asInt()).isEqualTo(1);
    assertThat(o.get("daily")).hasSize(22);
    assertThat(o.at("/data/version").asInt()).isEqualTo(1);
  }

  @Test
  void lifecycle_postHogPeriodsAndFunnelByHand() {
    JsonNode l = ok("/api/v1/analytics/lifecycle?interval=week");
    assertThat(l.get("periods").findValuesAsText("new")).containsExactly("1", "1", "1", "0");
    assertThat(l.get("periods").findValuesAsText("returning")).containsExactly("0", "1", "0", "1");
    assertThat(l.get("periods").findValuesAsText("resurrecting")).containsExactly("0", "0", "0", "1");
    assertThat(l.get("periods").findValuesAsText("dormant")).containsExactly("0", "0", "-2", "0");
    // a and c only viewed (acquisition); b bought within a week of first seen (conversion).
    assertThat(l.get("funnel").findValuesAsText("reached")).containsExactly("3", "1", "1", "1", "0");
    assertThat(l.at("/funnel/0/conversionFromPrevious").isNull()).isTrue();
    assertThat(l.at("/funnel/1/conversionFromPrevious").asDouble()).isEqualTo(0.3333);
    assertThat(l.at("/funnel/2/conversionFromPrevious").asDouble()).isEqualTo(1.0);
    assertThat(l.at("/funnel/4/conversionFromPrevious").asDouble()).isEqualTo(0.0);
    assertThat(l.at("/funnel/3/conversionFromFirst").asDouble()).isEqualTo(0.3333);
    int states = 0;
    for (JsonNode s : l.get("states")) {
      states += s.get("users").asInt();
    }
    assertThat(states).isEqualTo(3);
    assertThat(l.get("segments")).isEmpty();
  }

  @Test
  void retention_cohortsAndSizeWeightedCurveByHand() {
    JsonNode r = ok("/api/v1/analytics/retention?interval=week");
    assertThat(r.get("rows").findValuesAsText("size")).containsExactly("1", "1", "1", "0");
    assertThat(r.at("/rows/0/returned").toString()).isEqualTo("[1,1,0,1]");
    assertThat(r.at("/rows/1/returned").toString()).isEqualTo("[1,0,0]");
    assertThat(r.at("/rows/2/returned").toString()).isEqualTo("[1,1]");
    assertThat(r.get("curve").findValuesAsText("value")).containsExactly("1.0", "0.6667", "0.0", "1.0");
    assertThat(r.get("curve").findValuesAsText("cohortUsers")).containsExactly("3", "3", "2", "1");
    JsonNode u = ok("/api/v1/analytics/retention?interval=week&variant=unbounded");
    assertThat(u.at("/rows/1/returned").toString()).isEqualTo("[1,0,0]");
    assertThat(u.at("/rows/0/returned").toString()).isEqualTo("[1,1,1,1]");
    JsonNode b = ok("/api/v1/analytics/retention?interval=week&variant=bracket&brackets=0,1-3");
    assertThat(b.get("columns").toString()).isEqualTo("[\"0\",\"1-3\"]");
    assertThat(b.at("/rows/0/returned").toString()).isEqualTo("[1,1]");
    assertThat(b.at("/rows/1/returned").toString()).isEqualTo("[1,0]");
  }

  @Test
  void commerce_ordersRevenueAndAovByHand() {
    JsonNode c = ok("/api/v1/analytics/commerce?interval=week");
    assertThat(c.at("/total/orders").asInt()).isEqualTo(1);
    assertThat(c.at("/total/revenue").asDouble()).isEqualTo(10.0);
    assertThat(c.at("/total/aov").asDouble()).isEqualTo(10.0);
    assertThat(c.at("/total/customers").asInt()).isEqualTo(1);
    assertThat(c.at("/total/conversionRate").asDouble()).isEqualTo(0.3333);
    assertThat(c.get("perInterval").findValuesAsText("orders")).containsExactly("0", "1", "0", "0");
  }

  @Test
  void users_searchAndDetail_withHistoryEventsAndRecommendations() {
    JsonNode s = ok("/api/v1/analytics/users?q=A");
    assertThat(s.get("users").findValuesAsText("id")).containsExactly("a");
    JsonNode all = ok("/api/v1/analytics/users");
    assertThat(all.get("users").findValuesAsText("id")).containsExactly("a", "b", "c");
    JsonNode u = ok("/api/v1/analytics/users/b?interval=week");
    assertThat(u.at("/lifecycle/stage").asText()).isEqualTo("conversion");
    assertThat(u.at("/lifecycle/activity/orders").asInt()).isEqualTo(1);
    assertThat(u.at("/lifecycle/history/0/from").isNull()).isTrue();
    assertThat(u.get("recentEvents").findValuesAsText("type")).containsExactly("purchase", "view");
    Reply rec = api.get("/api/v1/recommend/b?n=10");
    assertThat(u.at("/recommendations/items").findValuesAsText("itemId"))
        .isEqualTo(ServerFixture.itemIds(rec));
    assertThat(u.at("/recommendations/items").findValuesAsText("itemId")).doesNotContain("i1", "i2");
    assertThat(u.at("/churn/status").asText()).isIn("computing", "unavailable", "ready", "no score");
    assertThat(api.get("/api/v1/analytics/users/nobody").status()).isEqualTo(404);
  }

  @Test
  void models_describeTheBundle_andSayThereAreNoLabResults() {
    JsonNode m = ok("/api/v1/analytics/models");
    assertThat(m.at("/current/name").asText()).isEqualTo("ials");
    assertThat(m.at("/current/users").asInt()).isEqualTo(3);
    assertThat(m.at("/current/interactions").asInt()).isEqualTo(7);
    assertThat(m.at("/lab/status").asText()).isEqualTo("none");
    assertThat(m.at("/lab/detail").asText()).startsWith("no lab results yet").contains("labResults");
    assertThat(m.at("/offline/status").asText()).isEqualTo("none");
  }

  @Test
  void models_showTheConfiguredLabFile_readyThenInvalidThenMissing() throws Exception {
    api.close();
    Path lab = dir.resolve("lab.json");
    java.nio.file.Files.createDirectories(dir.resolve("store2"));
    api = ServerFixture.start(dir.resolve("store2"), ServerConfig.defaults()
        .withApiKeys(List.of(new ApiKey("dashboard", KEY, Set.of(Scope.READ))))
        .withLabResults(lab.toString()), AnalyticsEndpointsTest::shop);
    api.apiKey = KEY;

    JsonNode m = ok("/api/v1/analytics/models");
    assertThat(m.at("/lab/status").asText()).isEqualTo("none");
    assertThat(m.at("/lab/detail").asText()).contains("does not exist");

    java.nio.file.Files.writeString(lab, """
        {"policies": {
           "myopic":   {"d30Retention": {"mean": 0.41, "lo": 0.38, "hi": 0.44},
                        "dau": {"mean": 120.5, "lo": 110.0, "hi": 131.0}},
           "longview": {"d30Retention": {"mean": 0.47, "lo": 0.45, "hi": 0.49},
                        "dau": {"mean": 133.0, "lo": null, "hi": null},
                        "cohorts": {"week1": {"d1Retention": {"mean": 0.5, "lo": 0.4, "hi": 0.6}}}}},
         "days": 20, "users": 300, "seeds": 3, "sensitivity": 1.0, "perSeed": [], "seconds": 2.5}
        """);
    m = ok("/api/v1/analytics/models");
    assertThat(m.at("/lab/status").asText()).isEqualTo("ready");
    assertThat(m.at("/lab/file").asText()).isEqualTo(lab.toString());
    assertThat(m.at("/lab/modified").asText()).isEqualTo(
        java.nio.file.Files.getLastModifiedTime(lab).toInstant().toString());
    assertThat(m.at("/lab/seeds").asInt()).isEqualTo(3);
    assertThat(m.at("/lab/policies").fieldNames()).toIterable()
        .containsExactly("myopic", "longview");
    assertThat(m.at("/lab/policies/longview/d30Retention/mean").asDouble()).isEqualTo(0.47);
    assertThat(m.at("/lab/policies/myopic/dau/hi").asDouble()).isEqualTo(131.0);
    assertThat(m.at("/lab/policies/longview/dau/lo").isNull()).isTrue();
    assertThat(m.at("/lab/policies/longview").has("cohorts")).isFalse(); // pooled metrics only

    java.nio.file.Files.writeString(lab, "{\"policies\": {\"myopic\": {\"dau\": {\"mean\": \"x\"}}}}");
    java.nio.file.Files.setLastModifiedTime(lab, java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() + 5_000));
    Reply r = api.get("/api/v1/analytics/models");
    assertThat(r.status()).isEqualTo(200);
    m = ok("/api/v1/analytics/models");
    assertThat(m.at("/lab/status").asText()).isEqualTo("invalid");
    assertThat(m.at("/lab/detail").asText()).contains("policies.myopic.dau.mean", "lab.json");

    java.nio.file.Files.writeString(lab, "not json");
    m = ok("/api/v1/analytics/models");
    assertThat(m.at("/lab/status").asText()).isEqualTo("invalid");
    assertThat(m.at("/lab/detail").asText()).contains("not valid JSON");

    java.nio.file.Files.delete(lab);
    assertThat(ok("/api/v1/analytics/models").at("/lab/status").asText()).isEqualTo("none");
  }

  @Test
  void aRepeatedQueryIsServedFromTheCache() {
    JsonNode first = ok("/api/v1/analytics/lifecycle?interval=day");
    JsonNode second = ok("/api/v1/analytics/lifecycle?interval=day");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void withoutAKey_401() {
    api.apiKey = null;
    Reply r = api.get("/api/v1/analytics/overview");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("error").asText()).isEqualTo("unauthorized");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/api/v1/analytics/overview?interval=year|interval",
      "/api/v1/analytics/overview?from=2024-13-01|from",
      "/api/v1/analytics/overview?from=2024-02-01&to=2024-01-01|from",
      "/api/v1/analytics/overview?from=2030-01-01|from",
      "/api/v1/analytics/overview?zone=Mars/Olympus|zone",
      "/api/v1/analytics/overview?profile=games|profile",
      "/api/v1/analytics/overview?interval=day&from=2000-01-01|from",
      "/api/v1/analytics/retention?variant=weird|variant",
      "/api/v1/analytics/retention?cohorts=all|cohorts",
      "/api/v1/analytics/retention?variant=bracket&brackets=3-1|brackets",
      "/api/v1/analytics/retention?variant=bracket&brackets=0,x|brackets",
      "/api/v1/analytics/retention?variant=bracket&brackets=1-3,2-4|brackets",
      "/api/v1/analytics/users?limit=0|limit"})
  void badParameters_400NamingTheField(String path, String field) {
    Reply r = api.get(path);
    assertThat(r.status()).as(r.text()).isEqualTo(400);
    assertThat(r.json().get("field").asText()).isEqualTo(field);
    assertThat(r.json().get("detail").asText()).isNotBlank();
  }

  private JsonNode ok(String path) {
    Reply r = api.get(path);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }
}
