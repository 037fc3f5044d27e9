package ferry.console.accessmap;

import ferry.console.accessmap.AccessMap.Access;
import ferry.console.accessmap.AccessMap.Edge;
import ferry.console.accessmap.AccessMap.Kind;
import ferry.console.accessmap.AccessMap.Node;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Draws an {@link AccessMap} as one self-contained SVG document: an account per band, principals,
 * roles and resources in three columns from left to right, each edge a link (to where the caller's
 * function says, such as the statements that grant it) with an accessible title. No script.
 */
public final class AccessMapSvg {
  private static final int NODE_WIDTH = 300;
  private static final int NODE_HEIGHT = 28;
  private static final int ROW = 40;
  private static final int BAND_HEADER = 36;
  private static final int BAND_GAP = 16;
  private static final int MARGIN = 20;
  private static final int COLUMN_GAP = 160;
  private static final int LEGEND = 40;
  private static final int MAX_LABEL = 38;
  private static final String ID = "ferry-access-map";

  private static final Map<Access, String> COLOURS = new EnumMap<>(Access.class);

  static {
    COLOURS.put(Access.ASSUME, "#6b4fbb");
    COLOURS.put(Access.READ, "#1f6fb4");
    COLOURS.put(Access.WRITE, "#c2302a");
    COLOURS.put(Access.DECRYPT, "#2b8a3e");
    COLOURS.put(Access.ENCRYPT, "#b35c00");
  }

  private final Function<Edge, String> link;

  /**
   * @param link the address each edge links to, e.g. the console's page of its statements
   */
  public AccessMapSvg(Function<Edge, String> link) {
    this.link = link;
  }

  /** A box on the map. */
  private record Placed(Node node, int column, int x, int y) {
    int right() {
      return x + NODE_WIDTH;
    }

    int middle() {
      return y + NODE_HEIGHT / 2;
    }
  }

  public String render(AccessMap map) {
    int width = 2 * MARGIN + 3 * NODE_WIDTH + 2 * COLUMN_GAP;
    Map<String, Placed> placed = new LinkedHashMap<>();
    List<String> bands = new ArrayList<>();
    int y = MARGIN + LEGEND;
    for (AccessMap.Account account : map.accounts()) {
      List<List<Node>> columns = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (Node node : map.nodes()) {
        if (node.account().equals(account.id())) {
          columns.get(column(node.kind())).add(node);
        }
      }
      int rows = Math.max(1, columns.stream().mapToInt(List::size).max().orElse(1));
      int height = BAND_HEADER + rows * ROW;
      bands.add(band(account, y, width, height));
      for (int c = 0; c < 3; c++) {
        int x = MARGIN + c * (NODE_WIDTH + COLUMN_GAP);
        int row = 0;
        for (Node node : columns.get(c)) {
          placed.put(node.arn(), new Placed(node, c, x, y + BAND_HEADER + row++ * ROW));
        }
      }
      y += height + BAND_GAP;
    }
    int height = y - BAND_GAP + MARGIN;

    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"")
        .append(ID)
        .append("-title\" class=\"access-map\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\">\n<title id=\"")
        .append(ID)
        .append("-title\">Access map: ")
        .append(map.edges().size())
        .append(map.edges().size() == 1 ? " access" : " accesses")
        .append(" across ")
        .append(map.accounts().size())
        .append(map.accounts().size() == 1 ? " account" : " accounts")
        .append("</title>\n");
    style(svg);
    legend(svg);
    bands.forEach(svg::append);
    // Edges first, so that a line passing a box goes behind it rather than across its name.
    edges(svg, map, placed);
    for (Placed box : placed.values()) {
      node(svg, box);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static int column(Kind kind) {
    return switch (kind) {
      case ACCOUNT_ROOT, USER -> 0;
      case ROLE -> 1;
      case BUCKET, KEY -> 2;
    };
  }

  private static void style(StringBuilder svg) {
    svg.append("<defs>\n<style>")
        .append(".access-map{font-family:system-ui,sans-serif;font-size:12px}")
        .append(".access-map .band{fill:#f6f7f9;stroke:#d0d5dd}")
        .append(".access-map .band-name{font-weight:600;font-size:13px;fill:#1d2939}")
        .append(".access-map .node rect{fill:#fff;stroke:#667085}")
        .append(".access-map .node.role rect{stroke:#6b4fbb}")
        .append(".access-map .node.bucket rect,.access-map .node.key rect{stroke:#1d2939}")
        .append(".access-map .node text{fill:#1d2939}")
        .append(".access-map .kind{fill:#667085;font-size:10px}")
        .append(".access-map .edge path{fill:none;stroke-width:1.6}")
        .append(".access-map .edge:hover path,.access-map .edge:focus path{stroke-width:3.5}")
        .append(".access-map .edge:focus{outline:none}")
        .append("</style>\n");
    for (Access access : Access.values()) {
      svg.append("<marker id=\"")
          .append(ID)
          .append("-arrow-")
          .append(access.word())
          .append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\"")
          .append(
              " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"")
          .append(" fill=\"")
          .append(COLOURS.get(access))
          .append("\"/></marker>\n");
    }
    svg.append("</defs>\n");
  }

  private static void legend(StringBuilder svg) {
    svg.append("<g class=\"legend\">");
    int x = MARGIN;
    for (Access access : Access.values()) {
      svg.append("<line x1=\"")
          .append(x)
          .append("\" y1=\"")
          .append(MARGIN + 6)
          .append("\" x2=\"")
          .append(x + 28)
          .append("\" y2=\"")
          .append(MARGIN + 6)
          .append("\" stroke=\"")
          .append(COLOURS.get(access))
          .append("\" stroke-width=\"2\"")
          .append(dash(access))
          .append("/><text x=\"")
          .append(x + 34)
          .append("\" y=\"")
          .append(MARGIN + 10)
          .append("\">")
          .append(access.word())
          .append("</text>");
      x += 110;
    }
    svg.append("<text x=\"")
        .append(x + 20)
        .append("\" y=\"")
        .append(MARGIN + 10)
        .append("\" class=\"kind\">principals · roles they may assume · buckets and keys</text>");
    svg.append("</g>\n");
  }

  private static String band(AccessMap.Account account, int y, int width, int height) {
    return "<g class=\"account\"><rect class=\"band\" x=\""
        + (MARGIN / 2)
        + "\" y=\""
        + y
        + "\" width=\""
        + (width - MARGIN)
        + "\" height=\""
        + (height - 4)
        + "\" rx=\"6\"/><text class=\"band-name\" x=\""
        + MARGIN
        + "\" y=\""
        + (y + 22)
        + "\">"
        + escape(account.name())
        + " · "
        + escape(account.id().value())
        + "</text></g>\n";
  }

  private static void node(StringBuilder svg, Placed box) {
    Node node = box.node();
    String kind = kindWord(node.kind());
    svg.append("<g class=\"node ")
        .append(kind)
        .append("\"><title>")
        .append(escape(kind + " " + node.arn()))
        .append("</title><rect x=\"")
        .append(box.x())
        .append("\" y=\"")
        .append(box.y())
        .append("\" width=\"")
        .append(NODE_WIDTH)
        .append("\" height=\"")
        .append(NODE_HEIGHT)
        .append("\" rx=\"4\"/><text class=\"kind\" x=\"")
        .append(box.x() + 8)
        .append("\" y=\"")
        .append(box.y() + 18)
        .append("\">")
        .append(kind)
        .append("</text><text x=\"")
        .append(box.x() + 50)
        .append("\" y=\"")
        .append(box.y() + 18)
        .append("\">")
        .append(escape(shorten(node.label())))
        .append("</text></g>\n");
  }

  private void edges(StringBuilder svg, AccessMap map, Map<String, Placed> placed) {
    // Edges between the same two nodes (read and write) are drawn side by side, not on top.
    Map<String, List<Edge>> pairs = new LinkedHashMap<>();
    for (Edge edge : map.edges()) {
      if (placed.containsKey(edge.from()) && placed.containsKey(edge.to())) {
        pairs.computeIfAbsent(edge.from() + " " + edge.to(), k -> new ArrayList<>()).add(edge);
      }
    }
    Map<String, String> labels = new HashMap<>();
    map.nodes().forEach(n -> labels.put(n.arn(), n.label() + " (" + n.account() + ")"));
    for (List<Edge> pair : pairs.values()) {
      for (int i = 0; i < pair.size(); i++) {
        Edge edge = pair.get(i);
        int offset = i * 6 - (pair.size() - 1) * 3;
        edge(svg, edge, placed.get(edge.from()), placed.get(edge.to()), offset, labels);
      }
    }
  }

  private void edge(
      StringBuilder svg,
      Edge edge,
      Placed from,
      Placed to,
      int offset,
      Map<String, String> labels) {
    int x0 = from.right();
    int y0 = from.middle() + offset;
    int x3;
    int c1;
    int c2;
    if (to.column() > from.column()) {
      x3 = to.x();
      int bend = Math.max(40, (x3 - x0) / 2);
      c1 = x0 + bend;
      c2 = x3 - bend;
    } else {
      // A role that assumes another role of the same column: out to the right and back.
      x3 = to.right();
      c1 = x0 + 90;
      c2 = x3 + 90;
    }
    int y3 = to.middle() + offset;
    String colour = COLOURS.get(edge.access());
    String title =
        labels.getOrDefault(edge.from(), edge.from())
            + " may "
            + edge.access().word()
            + " "
            + labels.getOrDefault(edge.to(), edge.to())
            + " ("
            + edge.action()
            + " on "
            + edge.resource()
            + "), granted by "
            + String.join("; ", edge.grants().stream().map(Object::toString).toList());
    svg.append("<a class=\"edge ")
        .append(edge.access().word())
        .append("\" href=\"")
        .append(escape(link.apply(edge)))
        .append("\" aria-label=\"")
        .append(escape(title))
        .append("\"><title>")
        .append(escape(title))
        .append("</title><path d=\"M")
        .append(x0)
        .append(',')
        .append(y0)
        .append(" C")
        .append(c1)
        .append(',')
        .append(y0)
        .append(' ')
        .append(c2)
        .append(',')
        .append(y3)
        .append(' ')
        .append(x3)
        .append(',')
        .append(y3)
        .append("\" stroke=\"")
        .append(colour)
        .append('"')
        .append(dash(edge.access()))
        .append(" marker-end=\"url(#")
        .append(ID)
        .append("-arrow-")
        .append(edge.access().word())
        .append(")\"/></a>\n");
  }

  private static String dash(Access access) {
    return access == Access.WRITE || access == Access.ENCRYPT ? " stroke-dasharray=\"6 3\"" : "";
  }

  private static String kindWord(Kind kind) {
    return switch (kind) {
      case ACCOUNT_ROOT -> "root";
      case USER -> "user";
      case ROLE -> "role";
      case BUCKET -> "bucket";
      case KEY -> "key";
    };
  }

  private static String shorten(String label) {
    return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
  }

  /** Text and attribute values: everything a label or a link could hold that XML would misread. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // XML 1.0 has no way to write most control characters; they carry nothing to show.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
