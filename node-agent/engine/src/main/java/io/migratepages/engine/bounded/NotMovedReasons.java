package io.migratepages.engine.bounded;

import java.util.Map;

/** What each key of a result's not-moved counts means: one line each, for reports and docs. */
public final class NotMovedReasons {
  /** Not an errno: the kernel queued the page and its migration failed (move_pages counted it). */
  public static final String NOT_MIGRATED = "NOT_MIGRATED";

  private static final Map<String, String> MEANINGS =
      Map.of(
          "EBUSY",
          "the page was busy (locked, under I/O, pinned or being split) and stayed where it was",
          "EACCES",
          "the page is shared with another process: moving it needs CAP_SYS_NICE"
              + " (MPOL_MF_MOVE_ALL)",
          "EFAULT",
          "the address was no longer mapped (the process unmapped it while its pages moved), or"
              + " it maps the shared zero page",
          "ENOENT",
          "the page was no longer present (freed or swapped out while the pages moved)",
          "ENOMEM",
          "the destination node had no free memory for the page",
          "EIO",
          "the page could not be written back before moving (dirty file page)",
          "EINVAL",
          "the page cannot be migrated (a special mapping, or a page the kernel never moves)",
          NOT_MIGRATED,
          "the kernel tried to migrate the page and failed (busy or pinned, or no memory on the"
              + " destination); it is still on its source node");

  private NotMovedReasons() {}

  /** The meaning of a key; any other errno name gets a generic line. */
  public static String meaning(String reason) {
    return MEANINGS.getOrDefault(reason, "move_pages reported " + reason + " for the page");
  }
}
