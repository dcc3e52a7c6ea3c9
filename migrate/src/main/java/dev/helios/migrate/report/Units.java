package dev.helios.migrate.report;

import java.util.Locale;
import java.util.regex.Pattern;

/** How reports and progress displays show sizes, durations and sources. Stateless. */
public final class Units {
  private static final String[] BYTE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};
  private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@");

  private Units() {}

  /** {@code bytes} in decimal units with one decimal: {@code 812 B}, {@code 7.9 MB}. */
  public static String bytes(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 999.95 && unit < BYTE_UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, BYTE_UNITS[unit]);
  }

  /** A duration of {@code millis}: {@code 0.4 s}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 2 h 03 min}. */
  public static String duration(long millis) {
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
  }

  /**
   * {@code text} with the user information of every URL in it ({@code https://user:secret@host})
   * replaced by {@code ***}, so that credentials are never shown.
   */
  public static String redact(String text) {
    return USER_INFO.matcher(text).replaceAll("$1***@");
  }
}
