package dev.helios.engine.vst;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Names and paths of the Virtual State Tree. A path is names joined by {@code /}, relative to the
 * root; a leading or trailing {@code /} is ignored, and {@code ""} or {@code "/"} is the root.
 * Names are Unicode text (no unpaired surrogates), at most {@value #MAX_NAME_BYTES} bytes of
 * UTF-8, without {@code /} or NUL, and not {@code .} or {@code ..}.
 */
public final class VstPaths {
  /** The longest name allowed, in bytes of UTF-8. */
  public static final int MAX_NAME_BYTES = 4096;

  private VstPaths() {}

  /** Returns why {@code name} is not a valid entry name, or null when it is. */
  public static @Nullable String nameProblem(String name) {
    if (name.isEmpty()) {
      return "a name cannot be empty";
    }
    if (name.equals(".") || name.equals("..")) {
      return "'" + name + "' cannot be a name";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == 0) {
        return "a name cannot contain " + (c == 0 ? "NUL" : "'/'") + ": " + printable(name);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "a name must be valid Unicode: " + printable(name);
      }
    }
    if (name.length() > MAX_NAME_BYTES / 3
        && name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      return "a name cannot be longer than " + MAX_NAME_BYTES + " bytes";
    }
    return null;
  }

  /**
   * Splits {@code path} into its names; the root gives an empty list.
   *
   * @throws IllegalArgumentException naming the problem when a name is invalid or empty ({@code
   *     a//b})
   */
  public static List<String> split(String path) {
    int start = path.startsWith("/") ? 1 : 0;
    int end = path.endsWith("/") && path.length() > start ? path.length() - 1 : path.length();
    List<String> names = new ArrayList<>();
    if (start >= end) {
      return names;
    }
    int from = start;
    while (true) {
      int slash = path.indexOf('/', from);
      int to = slash < 0 || slash > end ? end : slash;
      String name = path.substring(from, to);
      String problem = nameProblem(name);
      if (problem != null) {
        throw new IllegalArgumentException("bad path " + printable(path) + ": " + problem);
      }
      names.add(name);
      if (to >= end) {
        return names;
      }
      from = to + 1;
    }
  }

  /** Returns {@code path} in canonical form: names joined by {@code /}, root as {@code ""}. */
  public static String normalize(String path) {
    return String.join("/", split(path));
  }

  /** Joins a directory path and a name. */
  public static String child(String directory, String name) {
    return directory.isEmpty() ? name : directory + "/" + name;
  }

  /**
   * Compares names in the order of their UTF-8 bytes (which is code point order), the order of
   * entries in directory nodes. {@link String#compareTo} differs for characters above U+FFFF.
   */
  public static int compareNames(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return fixup(x) - fixup(y);
      }
    }
    return a.length() - b.length();
  }

  // Moves surrogates above U+E000..U+FFFF so that UTF-16 code units compare like code points.
  private static int fixup(char c) {
    if (c >= 0xD800) {
      return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
    return c;
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(s.length() > 200 ? "…'" : "'").toString();
  }
}
