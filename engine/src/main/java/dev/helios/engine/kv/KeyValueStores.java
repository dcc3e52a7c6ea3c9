package dev.helios.engine.kv;

import dev.helios.engine.kv.internal.MemoryKeyValueStore;

/**
 * Creates {@link KeyValueStore}s. Every store returned is thread-safe and must be closed. The
 * RocksDB store shares its database with the chunk store: open it through {@link
 * dev.helios.engine.Storage#open}.
 */
public final class KeyValueStores {
  private KeyValueStores() {}

  /** Returns a new, empty store in memory: for tests and tools. */
  public static KeyValueStore inMemory() {
    return new MemoryKeyValueStore();
  }
}
