package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in prices and the strict reading of a pricing file. */
final class PricingTest {
  @TempDir Path dir;

  @Test
  void defaults_holdTheAwsListPricesWithDateAndSources() {
    Pricing p = Pricing.defaults();

    assertThat(p.value(Pricing.BLOCK_STORAGE)).isEqualTo(0.08);
    assertThat(p.value(Pricing.BLOCK_IOPS)).isEqualTo(0.005);
    assertThat(p.value(Pricing.BLOCK_THROUGHPUT)).isEqualTo(0.04);
    assertThat(p.value(Pricing.OBJECT_STORAGE)).isEqualTo(0.023);
    assertThat(p.value(Pricing.OBJECT_PUT)).isEqualTo(0.005);
    assertThat(p.value(Pricing.OBJECT_GET)).isEqualTo(0.0004);
    assertThat(p.value(Pricing.EGRESS)).isEqualTo(0.09);
    assertThat(p.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(p.sources()).anyMatch(s -> s.startsWith("https://aws.amazon.com/ebs/pricing/"));
    assertThat(p.note()).contains("--pricing FILE");
  }

  @Test
  void load_copyOfTheDefaults_readsTheSamePrices() throws IOException {
    Path file = write(defaults());

    assertThat(Pricing.load(file)).isEqualTo(Pricing.defaults());
  }

  @Test
  void load_missingPrice_namesFileAndField() throws IOException {
    Path file = write(defaults().replaceFirst("\"egress_gb\"", "\"egress_per_gb\""));

    assertThatThrownBy(() -> Pricing.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining("prices.egress_per_gb");
  }

  @Test
  void load_unknownTopLevelField_isAnError() throws IOException {
    Path file = write(defaults().replaceFirst("\\{", "{\"discount\": 0.1,"));

    assertThatThrownBy(() -> Pricing.load(file)).hasMessage(file + ": unknown field 'discount' (allowed: as_of,"
        + " bytes_per_gb, bytes_per_mb, currency, note, prices, provider, region, sources)");
  }

  @Test
  void load_negativeValue_namesTheField() throws IOException {
    Path file = write(defaults().replace("\"value\": 0.09", "\"value\": -0.09"));

    assertThatThrownBy(() -> Pricing.load(file))
        .hasMessage(file + ": 'prices.egress_gb.value' must be a number, 0 or more");
  }

  @Test
  void load_missingUnit_namesTheField() throws IOException {
    Path file = write(defaults().replace("\"unit\": \"USD per GB\",", ""));

    assertThatThrownBy(() -> Pricing.load(file)).hasMessage(file + ": missing field 'prices.egress_gb.unit'");
  }

  @Test
  void load_notJson_saysSo() throws IOException {
    Path file = write("{ not json");

    assertThatThrownBy(() -> Pricing.load(file)).hasMessageStartingWith(file + ": not valid JSON: ");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("pricing.json"), text);
  }

  private static String defaults() throws IOException {
    try (InputStream in = Pricing.class.getResourceAsStream("pricing-aws-us-east-1.json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
