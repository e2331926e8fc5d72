package dev.longview.lab.sim;

import java.time.Instant;
import java.util.List;

/**
 * What the simulated world asks of the system under test: the next slate for a visiting user.
 * Everything in the request is observable by a real deployment (the user id, the time, the
 * session and what the session has already shown); the world's hidden state never crosses it.
 */
@FunctionalInterface
public interface SlateServer {

  /**
   * One page of a session.
   *
   * @param userId external user id
   * @param time when the page is requested
   * @param sessionId the session's id (also on its events)
   * @param page 0 for the first slate of the session
   * @param shownInSession item ids already shown in this session, in order
   * @param size how many items the page holds
   */
  record Request(String userId, Instant time, String sessionId, int page,
      List<String> shownInSession, int size) {}

  /** Item ids to show, best first; at most {@code request.size()} are used, unknown ids refused. */
  List<String> slate(Request request);
}
