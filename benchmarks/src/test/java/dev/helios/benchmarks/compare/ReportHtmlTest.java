package dev.helios.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The HTML report of a hand-built comparison: self-contained, one decodable PNG chart per
 * workload. Tagged slow: drawing the charts starts AWT, which takes a few seconds. The same page
 * in a real browser: compat-tests' ReportBrowserTest.
 */
@Tag("slow")
final class ReportHtmlTest {
  @Test
  void html_isSelfContainedWithOneDecodableChartPerWorkload() throws IOException {
    String html = ReportWriter.html(ReportWriterTest.comparison());

    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("@import").doesNotContain("url(");
    Matcher m = Pattern.compile("<img class=\"chart\"[^>]* src=\"data:image/png;base64,([^\"]+)\"").matcher(html);
    int charts = 0;
    while (m.find()) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
      assertThat(image.getWidth()).isEqualTo(ChartImage.WIDTH);
      charts++;
    }
    assertThat(charts).isEqualTo(5);
    assertThat(html).contains("Where Helios does worse", "Yearly cost for the fleet", "https://aws.amazon.com/ebs/pricing/",
        "document.body.dataset.charts");
  }

  @Test
  void html_textWithMarkup_isEscaped() {
    assertThat(ReportHtml.esc("<b>\"a\" & 'b'</b>")).isEqualTo("&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;");
  }
}
