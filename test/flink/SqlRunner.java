import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * Runs a Flink SQL script the way the SQL client would, on a local (embedded) Flink: SET statements
 * configure the environment, every other statement is executed in order, and an INSERT waits until
 * its job finishes (bounded jobs end by themselves). ${NAME} placeholders are filled from the
 * environment and an unset one is an error, so a secret is never sent as its placeholder.
 *
 * Usage: java -cp 'libs/*:classes' SqlRunner script.sql
 */
public final class SqlRunner {
  private static final Pattern SET = Pattern.compile(
      "(?is)^SET\\s+'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'$");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: SqlRunner script.sql");
      System.exit(2);
    }
    String script = fill(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8), System.getenv());
    Configuration conf = new Configuration();
    conf.setString("parallelism.default", "1");
    List<String> statements = new ArrayList<>();
    for (String statement : split(script)) {
      Matcher set = SET.matcher(statement);
      if (set.matches()) conf.setString(unquote(set.group(1)), unquote(set.group(2)));
      else statements.add(statement);
    }
    TableEnvironment env = TableEnvironment.create(
        EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
    for (String statement : statements) {
      System.out.println("SQLRUNNER executing: " + firstLine(statement));
      TableResult result = env.executeSql(statement);
      if (result.getJobClient().isPresent()) {
        System.out.println("SQLRUNNER job submitted: " + result.getJobClient().get().getJobID());
        result.await();
        System.out.println("SQLRUNNER job finished");
      }
    }
    System.out.println("SQLRUNNER done");
    System.exit(0);
  }

  static String fill(String script, Map<String, String> env) {
    Matcher m = PLACEHOLDER.matcher(script);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null) throw new IllegalArgumentException("placeholder ${" + m.group(1) + "} is not set in the environment");
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Statements end with ';' outside quotes; '--' comments run to the end of the line. */
  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      if (quote != 0) {
        current.append(c);
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '`' || c == '"') {
        quote = c;
        current.append(c);
      } else if (c == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
        while (i < script.length() && script.charAt(i) != '\n') i++;
        current.append('\n');
      } else if (c == ';') {
        if (!current.toString().isBlank()) out.add(current.toString().trim());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (!current.toString().isBlank()) out.add(current.toString().trim());
    return out;
  }

  private static String unquote(String text) {
    return text.replace("''", "'");
  }

  private static String firstLine(String statement) {
    int newline = statement.indexOf('\n');
    return newline < 0 ? statement : statement.substring(0, newline);
  }
}
