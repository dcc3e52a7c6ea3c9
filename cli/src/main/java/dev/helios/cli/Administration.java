package dev.helios.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The administrative operations of the command line, done either on a data directory ({@link
 * LocalAdministration}) or through a server's JSON API ({@link ApiClient}). Results are JSON
 * trees (maps, lists, strings, numbers, booleans) shaped as the API returns them, so that {@code
 * --json} prints the same document in both modes. Failures throw {@link CliException} with the
 * one line to print, or {@link IOException}.
 */
interface Administration extends AutoCloseable {
  Map<String, Object> createRepository(String name) throws IOException;

  List<Map<String, Object>> listRepositories() throws IOException;

  void deleteRepository(String name) throws IOException;

  Map<String, Object> addUser(String name, char[] password, boolean admin) throws IOException;

  List<Map<String, Object>> listUsers() throws IOException;

  /** Returns {@code {id, secret}}. */
  Map<String, Object> createToken(String user, String label) throws IOException;

  void grant(String user, String repository, String role) throws IOException;

  void revoke(String user, String repository) throws IOException;

  List<Map<String, Object>> auditTail(int n) throws IOException;

  /** Returns {@code {ok, checked, firstBroken?, problem?, record?}}. */
  Map<String, Object> auditVerify() throws IOException;

  /**
   * Collects {@code repository}, or all when empty; returns {@code {results: [...], sweep?}}.
   */
  Map<String, Object> gc(Optional<String> repository) throws IOException;

  @Override
  void close() throws IOException;
}
