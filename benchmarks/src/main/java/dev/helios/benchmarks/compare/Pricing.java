package dev.helios.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unit prices for the cost lines, with their date and source. The built-in file holds AWS
 * us-east-1 list prices; {@code --pricing FILE} replaces it with a file of the same fields.
 *
 * @param provider whose prices these are
 * @param region the region they apply to
 * @param currency the currency of every price
 * @param asOf the date the prices were written down (ISO date)
 * @param sources the pages they come from
 * @param note how they were obtained and what to check
 * @param bytesPerGb bytes in the GB the prices are quoted per
 * @param bytesPerMb bytes in the MB of the throughput price
 * @param prices by key ({@link #KEYS}), in display order
 */
public record Pricing(
    String provider,
    String region,
    String currency,
    String asOf,
    List<String> sources,
    String note,
    long bytesPerGb,
    long bytesPerMb,
    Map<String, Price> prices) {

  /** Block storage (EBS gp3), per GB-month. */
  public static final String BLOCK_STORAGE = "block_storage_gb_month";
  /** Provisioned IOPS of block storage beyond what a volume includes, per IOPS-month. */
  public static final String BLOCK_IOPS = "block_iops_month";
  /** Provisioned throughput of block storage beyond what a volume includes, per MB/s-month. */
  public static final String BLOCK_THROUGHPUT = "block_throughput_mbps_month";
  /** Object storage (S3 Standard), per GB-month. */
  public static final String OBJECT_STORAGE = "object_storage_gb_month";
  /** Object storage PUT requests, per 1,000. */
  public static final String OBJECT_PUT = "object_put_per_1000";
  /** Object storage GET requests, per 1,000. */
  public static final String OBJECT_GET = "object_get_per_1000";
  /** Data transfer out to the internet, per GB. */
  public static final String EGRESS = "egress_gb";

  /** Every price a pricing file must give, in display order. */
  public static final List<String> KEYS =
      List.of(BLOCK_STORAGE, BLOCK_IOPS, BLOCK_THROUGHPUT, OBJECT_STORAGE, OBJECT_PUT, OBJECT_GET, EGRESS);

  private static final String DEFAULTS = "pricing-aws-us-east-1.json";
  private static final Set<String> FIELDS =
      Set.of("provider", "region", "currency", "as_of", "sources", "note", "bytes_per_gb", "bytes_per_mb", "prices");

  /**
   * One price.
   *
   * @param value the amount, 0 or more, in the file's currency
   * @param unit what it is per, e.g. {@code USD per GB-month}
   * @param description which product and tier
   */
  public record Price(double value, String unit, String description) {}

  public Pricing {
    sources = List.copyOf(sources);
    prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    if (!prices.keySet().containsAll(KEYS)) {
      throw new IllegalArgumentException("prices must give " + KEYS + ": " + prices.keySet());
    }
  }

  /** The value of the price {@code key} (one of {@link #KEYS}). */
  public double value(String key) {
    Price price = prices.get(key);
    if (price == null) {
      throw new IllegalArgumentException("no price '" + key + "'");
    }
    return price.value();
  }

  /**
   * The built-in list prices ({@code pricing-aws-us-east-1.json}).
   *
   * @throws IllegalStateException if the built-in file is missing or broken (a build error)
   */
  public static Pricing defaults() {
    try {
      return from(CostFile.resource(DEFAULTS));
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * Reads a pricing file: every field of the built-in one is required, no other is allowed.
   *
   * @throws IOException with one line naming the file and what is wrong in it
   */
  public static Pricing load(Path file) throws IOException {
    return from(CostFile.read(file));
  }

  private static Pricing from(CostFile file) throws IOException {
    file.onlyFields(FIELDS);
    Map<String, Price> prices = new LinkedHashMap<>();
    file.entries("prices", KEYS).forEach((k, e) -> prices.put(k, new Price(e.value(), e.unit(), e.description())));
    return new Pricing(
        file.text("provider"),
        file.text("region"),
        file.text("currency"),
        file.text("as_of"),
        file.texts("sources"),
        file.text("note"),
        file.positiveLong("bytes_per_gb"),
        file.positiveLong("bytes_per_mb"),
        prices);
  }
}
