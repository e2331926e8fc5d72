package dev.longview.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longview.pipeline.Recommendation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recommend route's streamed body is byte for byte what the object mapper wrote from maps. */
class RecommendJsonTest {
  /** The body as the route built it before it was streamed: maps through the object mapper. */
  private static byte[] viaMaps(String userId, Recommendation r, long version) throws Exception {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Recommendation.Item s : r.items()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("itemId", s.itemId());
      o.put("score", s.score());
      o.put("reasons", s.reasons());
      o.put("sources", s.sources());
      items.add(o);
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("userId", userId);
    o.put("items", items);
    o.put("model", r.model());
    o.put("fallback", r.fallback());
    o.put("modelVersion", version);
    o.put("stage", r.stage());
    return Json.MAPPER.writeValueAsBytes(o);
  }

  @Test
  void json_equalsTheMapBasedBody_withEscapesFloatsAndNulls() throws Exception {
    Recommendation r = new Recommendation(List.of(
        new Recommendation.Item("i-1", 0.123456789f, List.of("factors", "itemknn"),
            List.of("because you liked \"Heat\" (6)", "popular this week in Crime")),
        new Recommendation.Item("ü/2\\x", 2.5f, List.of("trending"), List.of()),
        new Recommendation.Item("3", -0f, List.of(), List.of("new: similar to \t\u0001"))),
        "ials+ranker", true, "at_risk");
    assertThat(new String(RecommendEndpoint.json("u 1", r, 42L), "UTF-8"))
        .isEqualTo(new String(viaMaps("u 1", r, 42L), "UTF-8"));
    Recommendation empty = new Recommendation(List.of(), "pop", false, "new");
    assertThat(RecommendEndpoint.json(null, empty, 0L)).isEqualTo(viaMaps(null, empty, 0L));
  }
}
