package dev.longview.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;

/** Reading request bodies (with a size limit) and writing JSON responses. Thread-safe. */
final class Json {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    // Deeply nested garbage must not cost a stack overflow.
    MAPPER.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private Json() {}

  /**
   * Reads the body as one JSON value. 413 when it is larger than {@code maxBytes} (by
   * Content-Length, or while reading when the client did not say); 400 when it is empty or not
   * JSON.
   */
  static JsonNode read(ServerRequest req, long maxBytes) {
    long declared = req.headers().contentLength().orElse(-1);
    if (declared > maxBytes) {
      throw ApiException.tooLarge("the body is " + declared + " bytes; at most " + maxBytes
          + " are accepted (maxBodyBytes): send smaller batches");
    }
    byte[] body;
    try (InputStream in = req.content().inputStream()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        throw ApiException.tooLarge("the body is larger than " + maxBytes
            + " bytes (maxBodyBytes): send smaller batches");
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw ApiException.badRequest(null, "cannot read the request body: " + e.getMessage());
    }
    if (body.length == 0) {
      throw ApiException.badRequest(null, "the request body is empty; send a JSON document");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequest(null, "the request body is empty; send a JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage()
          .replaceAll(" \\(start marker at \\[Source: [^\\]]*\\]\\)", "");
      throw ApiException.badRequest(null, "malformed JSON: " + message
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw ApiException.badRequest(null, "cannot read the request body: " + e.getMessage());
    }
  }

  static void send(ServerResponse res, int status, Object body) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a response as JSON", e);
    }
    sendBytes(res, status, bytes);
  }

  /** Sends {@code bytes}, a JSON document written by the caller. */
  static void sendBytes(ServerResponse res, int status, byte[] bytes) {
    res.status(status);
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.send(bytes);
  }
}
