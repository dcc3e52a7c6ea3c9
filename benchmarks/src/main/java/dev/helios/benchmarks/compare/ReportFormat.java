package dev.helios.benchmarks.compare;

import java.util.Locale;

/**
 * Numbers as a reader sees them in the HTML and Markdown reports: sizes in decimal units (kB,
 * MB, GB), times in ms, counts with thousands separators, money with two decimals.
 * Stateless.
 */
final class ReportFormat {
  private static final String[] SIZE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

  private ReportFormat() {}

  /** {@code v} in {@code unit} ({@code bytes}, {@code ms}, {@code calls}, {@code files}, ...). */
  static String value(double v, String unit) {
    return switch (unit) {
      case "bytes" -> bytes(v);
      case "ms" -> number(v, Math.abs(v) < 10 && v != Math.rint(v) ? 1 : 0) + " ms";
      case "calls", "files" -> number(v, v == Math.rint(v) ? 0 : 1);
      default -> plain(v) + " " + unit;
    };
  }

  /** A size in decimal units, three significant digits: {@code 3.81 MB}. */
  static String bytes(double v) {
    double a = Math.abs(v);
    int i = 0;
    while (a >= 1000 && i < SIZE_UNITS.length - 1) {
      a /= 1000;
      i++;
    }
    String sign = v < 0 ? "-" : "";
    if (i == 0) {
      return sign + number(a, a == Math.rint(a) ? 0 : 1) + " B";
    }
    int decimals = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    return sign + String.format(Locale.ROOT, "%." + decimals + "f", a) + " " + SIZE_UNITS[i];
  }

  /** A number with thousands separators and {@code decimals} decimals. */
  static String number(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  /** A number as short as it is exact: {@code 1,000}, {@code 0.0004}, {@code 2.5}. */
  static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    String s = String.format(Locale.ROOT, "%,.6f", v);
    return s.replaceFirst("0+$", "").replaceFirst("\\.$", "");
  }

  /** An amount of money: {@code $1,234.56}, {@code -$3.20}, or {@code 12.00 EUR}. */
  static String money(double v, String currency) {
    String amount = String.format(Locale.ROOT, "%,.2f", Math.abs(v));
    String sign = v < 0 && Math.abs(v) >= 0.005 ? "-" : "";
    return "USD".equals(currency) ? sign + "$" + amount : sign + amount + " " + currency;
  }

  /** A reduction ({@code 1 - helios/git}) in words: {@code 99.2 % less}, {@code 12.0 % more}. */
  static String reduction(Double r) {
    if (r == null) {
      return "n/a (git: 0)";
    }
    if (Math.abs(r) < 0.0005) {
      return "same";
    }
    return number(Math.abs(r) * 100, 1) + " % " + (r > 0 ? "less" : "more");
  }

  /** A ratio: {@code 2.3×}, {@code 1,200×}. */
  static String ratio(double r) {
    return (r >= 100 ? number(r, 0) : number(r, r >= 10 ? 1 : 2)) + "×";
  }
}
