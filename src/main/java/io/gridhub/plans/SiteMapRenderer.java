package io.gridhub.plans;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

/**
 * Draws the map extract of the 供电方案答复单 with Java2D from the grid store, no tile server: the
 * feeders and equipment around the site, the site, and the connection path to each source's
 * connection point (red, dashed). A local equirectangular projection around the site is exact to
 * well under a pixel at this scale (a few hundred metres).
 */
final class SiteMapRenderer {

    static final int WIDTH = 900;
    static final int HEIGHT = 600;
    private static final double M_PER_DEG_LAT = 111_132;

    private SiteMapRenderer() {
    }

    /** Half-extents (degrees) of the box drawn around a site with this radius. */
    static double[] halfBox(double lat, double radiusM) {
        double mPerDegLon = M_PER_DEG_LAT * Math.cos(Math.toRadians(lat));
        double halfWidthM = radiusM;
        double halfHeightM = radiusM * HEIGHT / WIDTH;
        return new double[] {halfWidthM / mPerDegLon, halfHeightM / M_PER_DEG_LAT};
    }

    static BufferedImage render(double siteLon, double siteLat, double radiusM, List<SiteMapRepository.Feature> grid,
                                List<PlanSource> sources, Set<String> sourceFeeders) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(250, 248, 240));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double[] half = halfBox(siteLat, radiusM);
            Projection p = new Projection(siteLon - half[0], siteLat + half[1], WIDTH / (2 * half[0]), HEIGHT / (2 * half[1]));
            for (SiteMapRepository.Feature f : grid) {
                if (f.kind().equals("FEEDER")) {
                    boolean source = sourceFeeders.contains(f.id());
                    g.setColor(source ? new Color(20, 70, 170) : new Color(140, 140, 140));
                    g.setStroke(new BasicStroke(source ? 3f : 1.5f));
                    for (int i = 0; i < f.geometry().getNumGeometries(); i++) {
                        Geometry part = f.geometry().getGeometryN(i);
                        if (part instanceof LineString line) {
                            g.draw(p.path(line.getCoordinates()));
                        }
                    }
                }
            }
            for (SiteMapRepository.Feature f : grid) {
                if (f.kind().equals("FEEDER")) {
                    continue;
                }
                Coordinate c = f.geometry().getCoordinate();
                double x = p.x(c.x);
                double y = p.y(c.y);
                switch (f.kind()) {
                    case "SUBSTATION" -> {
                        g.setColor(new Color(120, 40, 140));
                        g.fillRect((int) x - 9, (int) y - 9, 18, 18);
                    }
                    case "TRANSFORMER" -> {
                        g.setColor(new Color(0, 130, 90));
                        g.fill(new Ellipse2D.Double(x - 6, y - 6, 12, 12));
                    }
                    case "RING_MAIN_UNIT" -> {
                        g.setColor(new Color(200, 120, 0));
                        g.fillRect((int) x - 6, (int) y - 6, 12, 12);
                    }
                    default -> {
                        g.setColor(new Color(60, 60, 60));
                        g.fill(new Ellipse2D.Double(x - 3, y - 3, 6, 6));
                    }
                }
            }
            double sx = p.x(siteLon);
            double sy = p.y(siteLat);
            g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {10f, 7f}, 0f));
            g.setColor(new Color(210, 30, 30));
            for (PlanSource s : sources) {
                if (s.connectionPoint() != null) {
                    g.draw(new Line2D.Double(sx, sy, p.x(s.connectionPoint().lon()), p.y(s.connectionPoint().lat())));
                }
            }
            g.setStroke(new BasicStroke(2f));
            g.fill(new Ellipse2D.Double(sx - 9, sy - 9, 18, 18));
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Double(sx - 3, sy - 3, 6, 6));
            drawScaleBar(g, p, siteLat);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(0, 0, WIDTH - 1, HEIGHT - 1);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void drawScaleBar(Graphics2D g, Projection p, double lat) {
        double mPerDegLon = M_PER_DEG_LAT * Math.cos(Math.toRadians(lat));
        double px100m = 100 / mPerDegLon * p.sx();
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3f));
        g.draw(new Line2D.Double(20, HEIGHT - 20, 20 + px100m, HEIGHT - 20));
        g.draw(new Line2D.Double(20, HEIGHT - 26, 20, HEIGHT - 14));
        g.draw(new Line2D.Double(20 + px100m, HEIGHT - 26, 20 + px100m, HEIGHT - 14));
    }

    /** lon/lat → pixels, north up. */
    private record Projection(double minLon, double maxLat, double sx, double sy) {
        double x(double lon) {
            return (lon - minLon) * sx;
        }

        double y(double lat) {
            return (maxLat - lat) * sy;
        }

        Path2D path(Coordinate[] cs) {
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < cs.length; i++) {
                if (i == 0) {
                    path.moveTo(x(cs[i].x), y(cs[i].y));
                } else {
                    path.lineTo(x(cs[i].x), y(cs[i].y));
                }
            }
            return path;
        }
    }
}
