package dev.longview.cli;

import dev.longview.store.EventStore;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "delete-user",
    description = "Delete a user and all of their events (privacy requests). Exit code 4 if unknown.")
final class DeleteUserCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin DatabaseOption database;
  @Parameters(paramLabel = "USER_ID", description = "External id of the user.") String userId;
  @Option(names = "--json", description = "Print one JSON object.") boolean json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (EventStore store = database.openExisting()) {
      long deleted = store.deleteUser(userId);
      if (json) {
        Output.json(out, Map.of("userId", userId, "deleted", deleted >= 0, "eventsDeleted", Math.max(0, deleted)));
      } else if (deleted < 0) {
        spec.commandLine().getErr().println("user \"" + userId + "\" does not exist; nothing deleted");
      } else {
        out.println("deleted user \"" + userId + "\" and " + Output.count(deleted) + " events");
      }
      return deleted < 0 ? 4 : 0;
    }
  }
}
