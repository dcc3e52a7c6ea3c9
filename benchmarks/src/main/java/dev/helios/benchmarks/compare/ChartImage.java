package dev.helios.benchmarks.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Size2D;
import org.jfree.data.Range;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The bar chart of one workload, drawn with JFreeChart into one PNG: the byte figures on the
 * left and the time figures on the right, one bar per side (git sides in warm colours, Helios
 * sides in cool ones), each on a log axis when its values span more than a factor of 100.
 * Stateless; safe to call from any thread.
 */
final class ChartImage {
  static {
    // The report is written on servers without a display; AWT must not look for one.
    System.setProperty("java.awt.headless", "true");
  }

  static final int WIDTH = 1000;
  static final int HEIGHT = 380;
  private static final int BYTES_WIDTH = 580;
  private static final double LOG_SPAN = 100;

  private static final Color[] GIT = {new Color(0xD9, 0x5F, 0x02), new Color(0xE6, 0xAB, 0x02), new Color(0x8C, 0x56, 0x1B)};
  private static final Color[] HELIOS = {new Color(0x1F, 0x6F, 0xC5), new Color(0x1B, 0x9E, 0x77), new Color(0x75, 0x70, 0xB3)};

  private ChartImage() {}

  /** The chart as a {@code data:image/png;base64,...} URI. */
  static String dataUri(WorkloadResult w) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(w));
  }

  /** The chart as PNG bytes. */
  static byte[] png(WorkloadResult w) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      JFreeChart bytes = chart(w, ReportFigures.chartBytes(w), "Bytes", "bytes");
      JFreeChart time = chart(w, ReportFigures.CHART_TIME, "Time", "ms");
      // One legend under both panels, so that the two plots have the same height.
      LegendTitle legend = bytes.getLegend();
      bytes.removeLegend();
      time.removeLegend();
      legend.setFrame(BlockBorder.NONE);
      legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      Size2D size = legend.arrange(g, new RectangleConstraint(WIDTH - 20, new Range(0, HEIGHT / 3.0)));
      double plotHeight = HEIGHT - size.getHeight() - 8;
      bytes.draw(g, new Rectangle2D.Double(0, 0, BYTES_WIDTH, plotHeight));
      time.draw(g, new Rectangle2D.Double(BYTES_WIDTH, 0, WIDTH - BYTES_WIDTH, plotHeight));
      legend.draw(g, new Rectangle2D.Double((WIDTH - size.getWidth()) / 2, plotHeight + 4, size.getWidth(),
          size.getHeight()));
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the chart of " + w.name() + " as PNG", e);
    }
    return out.toByteArray();
  }

  private static JFreeChart chart(WorkloadResult w, List<String> keys, String title, String unit) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<Color> colours = new ArrayList<>();
    int git = 0;
    int helios = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Side s : w.sides()) {
      boolean any = false;
      for (String k : keys) {
        Figure f = s.figure(k);
        if (f == null) {
          continue;
        }
        double m = f.median();
        // A log axis cannot show 0: such a bar is left out, and the table beside says 0.
        data.addValue(m > 0 ? m : null, s.label(), ReportFigures.shortLabel(k));
        any = true;
        if (m > 0) {
          min = Math.min(min, m);
          max = Math.max(max, m);
        }
      }
      if (any) {
        colours.add(s.helios() ? HELIOS[helios++ % HELIOS.length] : GIT[git++ % GIT.length]);
      }
    }
    boolean log = max > 0 && max / min > LOG_SPAN;
    ValueAxis axis = axis(unit, log, min, max);
    CategoryAxis categories = new CategoryAxis();
    categories.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.05);
    renderer.setDrawBarOutline(false);
    if (log) {
      renderer.setBase(axis.getLowerBound());
    }
    for (int i = 0; i < colours.size(); i++) {
      renderer.setSeriesPaint(i, colours.get(i));
    }
    CategoryPlot plot = new CategoryPlot(data, categories, axis, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xCC, 0xCC, 0xCC));
    plot.setRangeGridlineStroke(new BasicStroke(1f));
    plot.setOutlineVisible(false);
    JFreeChart chart = new JFreeChart(plot);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setTitle(new TextTitle(title + (log ? " (log scale)" : ""), new Font(Font.SANS_SERIF, Font.BOLD, 14)));
    return chart;
  }

  private static ValueAxis axis(String unit, boolean log, double min, double max) {
    boolean bytes = "bytes".equals(unit);
    NumberFormat format = bytes ? new SizeFormat() : new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    String label = bytes ? "bytes" : "milliseconds";
    if (log) {
      LogAxis axis = new LogAxis(label);
      // A tick at every power of ten, none between.
      axis.setTickUnit(new NumberTickUnit(1));
      double lower = Math.pow(10, Math.floor(Math.log10(min)));
      axis.setSmallestValue(lower);
      axis.setRange(lower, Math.pow(10, Math.ceil(Math.log10(max * 1.5))));
      axis.setNumberFormatOverride(format);
      return axis;
    }
    NumberAxis axis = new NumberAxis(label);
    axis.setNumberFormatOverride(format);
    axis.setLowerBound(0);
    axis.setUpperBound(max > 0 ? max * 1.15 : 1);
    return axis;
  }

  /** Axis tick labels for sizes, in the report's decimal units. */
  private static final class SizeFormat extends NumberFormat {
    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
      return to.append(ReportFormat.bytes(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
      return format((double) number, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("tick labels are not parsed");
    }
  }
}
