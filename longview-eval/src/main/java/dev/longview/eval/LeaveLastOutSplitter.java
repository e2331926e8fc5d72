package dev.longview.eval;

/** See {@link Splitter#leaveLastOut()}. */
record LeaveLastOutSplitter() implements Splitter {
  @Override
  public byte[] roles(Dataset data, long seed) {
    byte[] roles = new byte[data.size()];
    for (int u = 0; u < data.userCount(); u++) {
      int start = data.userStart(u);
      int end = data.userEnd(u);
      if (end - start >= 2) {
        roles[end - 1] = TEST;
      }
      if (end - start >= 3) {
        roles[end - 2] = VALID;
      }
    }
    return roles;
  }

  @Override
  public String describe() {
    return "chronological leave-last-out";
  }
}
