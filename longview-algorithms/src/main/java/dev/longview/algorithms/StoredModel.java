package dev.longview.algorithms;

import dev.longview.core.model.Model;
import java.io.IOException;
import java.util.Map;

/**
 * A model that {@link ModelFiles} can write: it knows the registry name and parameters it was
 * trained with and writes its arrays. Each implementation has a matching static {@code read}
 * registered in {@link ModelFiles}.
 */
interface StoredModel extends Model {
  String algorithm();

  /** The effective parameters it was trained with (given or default). */
  Map<String, String> params();

  void writePayload(Payload.Writer out) throws IOException;
}
