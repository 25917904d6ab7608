package io.spdypush.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * PNG plots drawn with Java2D (headless), no plotting library: latency distributions (latency against
 * percentile, on the usual 1/(1-p) axis) and bar charts of throughput and memory, one colour per transport.
 */
final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 170;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Map<String, Color> COLORS = Map.of("spdy", new Color(0x1f77b4), "h2", new Color(0x9467bd),
            "ws", new Color(0xff7f0e), "sse", new Color(0x2ca02c));

    private Plots() {
    }

    @SuppressWarnings("unchecked")
    static void write(Map<String, Object> results, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, Map<String, Object>> transports = (Map<String, Map<String, Object>>) results.get("transports");
        for (String mode : List.of("max", "halfMax")) {
            Map<String, List<List<Double>>> series = new LinkedHashMap<>();
            transports.forEach((name, figures) -> {
                Object distribution = at(figures, "unicast", mode, "receiptMillis", "distribution");
                if (distribution != null) {
                    series.put(name, (List<List<Double>>) distribution);
                }
            });
            latency(outDir.resolve("latency-" + mode + ".png"), "Unicast send to receipt, "
                    + (mode.equals("max") ? "at the maximum rate" : "at half the maximum rate"), series);
        }
        bars(outDir.resolve("throughput.png"), "Throughput (higher is better)", transports, List.of(
                new String[] {"unicast max, msg/s", "unicast", "max", "receivedPerSecond"},
                new String[] {"broadcast, deliveries/s", "broadcast", "deliveriesPerSecond"}));
        bars(outDir.resolve("memory.png"), "Server memory per idle session, bytes (lower is better)", transports,
                List.of(new String[] {"heap + native", "bytesPerSession"},
                        new String[] {"heap", "heapBytesPerSession"},
                        new String[] {"native", "nativeBytesPerSession"}));
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> map, String... path) {
        Object current = map;
        for (String key : path) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    private static Graphics2D canvas(BufferedImage image, String title) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    /** Latency (ms, linear) against percentile, x = log10(1 / (1 - p)). */
    private static void latency(Path file, String title, Map<String, List<List<Double>>> series) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, title);
        double maxX = 4; // 99.99 %
        double maxY = 0;
        for (List<List<Double>> points : series.values()) {
            for (List<Double> point : points) {
                if (point.get(0) <= 99.99) {
                    maxY = Math.max(maxY, point.get(1));
                }
            }
        }
        maxY = niceCeiling(maxY);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        axes(g, plotWidth, plotHeight);
        String[] ticks = {"0%", "90%", "99%", "99.9%", "99.99%"};
        for (int i = 0; i <= 4; i++) {
            int x = LEFT + (int) (plotWidth * i / maxX);
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(x, TOP, x, TOP + plotHeight);
            g.setColor(Color.BLACK);
            g.drawString(ticks[i], x - 15, TOP + plotHeight + 18);
        }
        yTicks(g, maxY, plotWidth, plotHeight, "ms");
        g.drawString("percentile", LEFT + plotWidth / 2 - 30, HEIGHT - 15);
        int legend = 0;
        for (Map.Entry<String, List<List<Double>>> entry : series.entrySet()) {
            g.setColor(COLORS.getOrDefault(entry.getKey(), Color.GRAY));
            g.setStroke(new BasicStroke(2f));
            int previousX = -1;
            int previousY = -1;
            for (List<Double> point : entry.getValue()) {
                double p = point.get(0);
                if (p > 99.99) {
                    continue;
                }
                double logX = Math.log10(1 / (1 - p / 100));
                int x = LEFT + (int) (plotWidth * Math.min(logX, maxX) / maxX);
                int y = TOP + plotHeight - (int) (plotHeight * Math.min(point.get(1), maxY) / maxY);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, x, y);
                }
                previousX = x;
                previousY = y;
            }
            legend(g, entry.getKey(), legend++, plotWidth);
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** Grouped bars: one group per figure, one bar per transport. */
    private static void bars(Path file, String title, Map<String, Map<String, Object>> transports,
                             List<String[]> figures) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, title);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        List<String> names = new ArrayList<>(transports.keySet());
        double[][] values = new double[figures.size()][names.size()];
        double maxY = 0;
        for (int f = 0; f < figures.size(); f++) {
            String[] figure = figures.get(f);
            String[] path = java.util.Arrays.copyOfRange(figure, 1, figure.length);
            for (int t = 0; t < names.size(); t++) {
                Object value = at(transports.get(names.get(t)), path);
                values[f][t] = value instanceof Number n ? Math.max(0, n.doubleValue()) : 0;
                maxY = Math.max(maxY, values[f][t]);
            }
        }
        maxY = niceCeiling(maxY);
        axes(g, plotWidth, plotHeight);
        yTicks(g, maxY, plotWidth, plotHeight, "");
        int groupWidth = plotWidth / figures.size();
        int barWidth = Math.max(10, (groupWidth - 40) / Math.max(1, names.size()));
        for (int f = 0; f < figures.size(); f++) {
            int groupX = LEFT + f * groupWidth + 20;
            for (int t = 0; t < names.size(); t++) {
                int height = (int) (plotHeight * values[f][t] / maxY);
                g.setColor(COLORS.getOrDefault(names.get(t), Color.GRAY));
                g.fillRect(groupX + t * barWidth, TOP + plotHeight - height, barWidth - 4, height);
                g.setColor(Color.BLACK);
                g.drawString(compact(values[f][t]), groupX + t * barWidth, TOP + plotHeight - height - 4);
            }
            g.drawString(figures.get(f)[0], groupX, TOP + plotHeight + 18);
        }
        for (int t = 0; t < names.size(); t++) {
            legend(g, names.get(t), t, plotWidth);
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static void axes(Graphics2D g, int plotWidth, int plotHeight) {
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
        g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
    }

    private static void yTicks(Graphics2D g, double maxY, int plotWidth, int plotHeight, String unit) {
        for (int i = 0; i <= 5; i++) {
            double value = maxY * i / 5;
            int y = TOP + plotHeight - plotHeight * i / 5;
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(LEFT + 1, y, LEFT + plotWidth, y);
            g.setColor(Color.BLACK);
            g.drawString(compact(value) + (unit.isEmpty() ? "" : " " + unit), 5, y + 4);
        }
    }

    private static void legend(Graphics2D g, String name, int index, int plotWidth) {
        int x = LEFT + plotWidth + 20;
        int y = TOP + 20 + index * 22;
        g.setColor(COLORS.getOrDefault(name, Color.GRAY));
        g.fillRect(x, y - 10, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString(Transport.isOurs(name) ? name + " (ours)" : name, x + 20, y + 2);
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String compact(double value) {
        if (value >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", value / 1_000_000);
        }
        if (value >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", value / 1000);
        }
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
