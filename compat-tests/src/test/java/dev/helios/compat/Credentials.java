package dev.helios.compat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name with a password or a token secret, as HTTP Basic authentication sends them.
 *
 * @param user the user name
 * @param password the password or token secret
 */
record Credentials(String user, String password) {
  /** The value of an {@code Authorization} header carrying these credentials. */
  String basicHeader() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code user:password} percent-encoded for the userinfo part of a URL. */
  String userInfo() {
    return encode(user) + ":" + encode(password);
  }

  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "Credentials[" + user + ", password hidden]";
  }
}
