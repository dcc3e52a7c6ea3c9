package dev.helios.git.storage.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.helios.engine.cas.file.ChunkedFile;
import dev.helios.engine.hash.Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase.PackSource;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.pack.PackExt;

/**
 * Encodes a repository's pack list, the value under its {@code repo/packs/} key, as JSON
 * (format 1). Stateless and thread-safe.
 */
final class PackListCodec {
  /*
   * Format 1:
   *
   *   {"format": 1,
   *    "packs": [{"name": "pack-<32 hex>-RECEIVE", "source": "RECEIVE", "lastModified": ms,
   *               "objectCount": n, "deltaCount": n, "indexVersion": n,
   *               "minUpdateIndex": n, "maxUpdateIndex": n, "estimatedPackSize": n,
   *               "files": {"pack": {"address": hex, "size": n, "contentHash": hex}, ...}}]}
   *
   * Extensions are keyed by their file extension (PackExt.getExtension), stable across JGit
   * versions, rather than by ordinal. A file's three ChunkedFile fields are kept whole: the
   * address alone does not say whether it is a chunk or a manifest. JSON keeps the list readable
   * with any tool; a list holds tens of packs, so its size does not matter. Unknown fields and
   * extensions are rejected rather than dropped, so an older version never rewrites (and
   * truncates) a list written by a newer one.
   */

  static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private PackListCodec() {}

  static byte[] encode(List<CasPackDescription> packs) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ArrayNode list = root.putArray("packs");
    for (CasPackDescription pack : packs) {
      ObjectNode p = list.addObject();
      p.put("name", pack.getPackName());
      p.put("source", pack.getPackSource().name());
      p.put("lastModified", pack.getLastModified());
      p.put("objectCount", pack.getObjectCount());
      p.put("deltaCount", pack.getDeltaCount());
      p.put("indexVersion", pack.getIndexVersion());
      p.put("minUpdateIndex", pack.getMinUpdateIndex());
      p.put("maxUpdateIndex", pack.getMaxUpdateIndex());
      p.put("estimatedPackSize", pack.getEstimatedPackSize());
      ObjectNode files = p.putObject("files");
      for (PackExt ext : PackExt.values()) {
        ChunkedFile file = pack.file(ext);
        if (file != null) {
          ObjectNode f = files.putObject(ext.getExtension());
          f.put("address", file.address().toHex());
          f.put("size", file.size());
          f.put("contentHash", file.contentHash().toHex());
        }
      }
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a pack list", e);
    }
  }

  static List<CasPackDescription> decode(
      DfsRepositoryDescription repository, byte[] bytes, String where) throws IOException {
    try {
      JsonNode root = JSON.readTree(bytes);
      int format = root.path("format").asInt(-1);
      if (format != FORMAT) {
        throw new CorruptPackListException(where, "unknown format " + root.path("format"));
      }
      List<CasPackDescription> packs = new ArrayList<>();
      for (JsonNode p : root.path("packs")) {
        CasPackDescription pack =
            new CasPackDescription(
                repository,
                text(p, "name", where),
                PackSource.valueOf(text(p, "source", where)),
                null);
        pack.setLastModified(p.path("lastModified").asLong());
        pack.setObjectCount(p.path("objectCount").asLong());
        pack.setDeltaCount(p.path("deltaCount").asLong());
        pack.setIndexVersion(p.path("indexVersion").asInt());
        pack.setMinUpdateIndex(p.path("minUpdateIndex").asLong());
        pack.setMaxUpdateIndex(p.path("maxUpdateIndex").asLong());
        pack.setEstimatedPackSize(p.path("estimatedPackSize").asLong());
        for (Map.Entry<String, JsonNode> e : p.path("files").properties()) {
          PackExt ext = extension(e.getKey(), where);
          JsonNode f = e.getValue();
          pack.setFile(
              ext,
              new ChunkedFile(
                  Hash.fromHex(text(f, "address", where)),
                  f.path("size").asLong(),
                  Hash.fromHex(text(f, "contentHash", where))));
        }
        packs.add(pack);
      }
      return Collections.unmodifiableList(packs);
    } catch (IOException e) {
      if (e instanceof CorruptPackListException) {
        throw e;
      }
      throw new CorruptPackListException(where, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CorruptPackListException(where, e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field, String where)
      throws CorruptPackListException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new CorruptPackListException(where, "missing field '" + field + "'");
    }
    return value.asText();
  }

  private static PackExt extension(String name, String where) throws CorruptPackListException {
    for (PackExt ext : PackExt.values()) {
      if (ext.getExtension().equals(name)) {
        return ext;
      }
    }
    throw new CorruptPackListException(where, "unknown pack file extension '" + name + "'");
  }
}
