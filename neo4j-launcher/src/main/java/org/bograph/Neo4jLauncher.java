package org.bograph;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilderImplementation;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs a Neo4j Community DBMS (embedded engine + Bolt connector) as a local server.
 *
 * <pre>
 * java [JVM flags] -cp neo4j-launcher.jar:lib/* org.bograph.Neo4jLauncher \
 *     --home DIR --port N [--conf key=value ...] [--watch-stdin]
 * </pre>
 *
 * <p>Bolt listens on 127.0.0.1:N with authentication disabled. Once the default database answers
 * {@code RETURN 1} the launcher prints exactly one line {@code NEO4J_READY bolt://127.0.0.1:N} on
 * stdout and blocks until the JVM is told to stop (SIGTERM/SIGINT run the shutdown hook, which
 * shuts the DBMS down cleanly). With {@code --watch-stdin} it also stops when stdin reaches EOF,
 * so a test fixture that dies takes the server with it. Each {@code --conf} is a neo4j.conf-style
 * setting and overrides the defaults below.
 */
public final class Neo4jLauncher {

    static final String READY = "NEO4J_READY";
    static final String HOST = "127.0.0.1";
    static final String USAGE =
            "usage: Neo4jLauncher --home DIR --port N [--conf key=value ...] [--watch-stdin]";

    private Neo4jLauncher() {}

    /** The parsed command line. */
    record Options(Path home, int port, Map<String, String> conf, boolean watchStdin) {

        static Options parse(String[] args) {
            Path home = null;
            int port = -1;
            Map<String, String> conf = new LinkedHashMap<>();
            boolean watchStdin = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--home" -> home = Path.of(value(args, ++i, "--home"));
                    case "--port" -> port = port(value(args, ++i, "--port"));
                    case "--conf" -> putSetting(conf, value(args, ++i, "--conf"));
                    case "--watch-stdin" -> watchStdin = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (home == null || port < 0) {
                throw new IllegalArgumentException("--home and --port are required");
            }
            return new Options(home.toAbsolutePath().normalize(), port, conf, watchStdin);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int port(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port: expected 1-65535, found " + text);
            }
        }

        private static void putSetting(Map<String, String> conf, String pair) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--conf: expected key=value, found " + pair);
            }
            conf.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
    }

    /** The settings the DBMS starts with: small, local, no auth; {@code --conf} wins. */
    static Map<String, String> settings(Options options) {
        String address = HOST + ":" + options.port();
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("server.bolt.enabled", "true");
        raw.put("server.bolt.listen_address", address);
        raw.put("server.bolt.advertised_address", address);
        raw.put("server.default_listen_address", HOST);
        raw.put("server.default_advertised_address", HOST);
        raw.put("server.http.enabled", "false");
        raw.put("server.https.enabled", "false");
        raw.put("dbms.security.auth_enabled", "false");
        raw.put("server.memory.pagecache.size", "256m");
        raw.put("dbms.memory.transaction.total.max", "1g");
        raw.put("db.tx_log.rotation.retention_policy", "false");
        raw.put("db.tx_log.rotation.size", "16M");
        raw.put("dbms.usage_report.enabled", "false");
        // Bolt otherwise waits 2 x 5 s of Netty "quiet period" on shutdown.
        raw.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        raw.put("server.directories.import", options.home().resolve("import").toString());
        raw.putAll(options.conf());
        return raw;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("neo4j-launcher: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options, System.out);
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: failed: " + e);
            e.printStackTrace(System.err);
            System.err.flush();
            System.exit(1);
        }
    }

    private static void run(Options options, PrintStream out) throws IOException, InterruptedException {
        Files.createDirectories(options.home().resolve("import"));
        // The implementation class (not the public facade) is the one with setConfigRaw in 5.26:
        // neo4j.conf-style keys, validated strictly, so a mistyped --conf fails the start.
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilderImplementation(options.home())
                .setConfigRaw(settings(options))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(dbms), "neo4j-launcher-shutdown"));
        GraphDatabaseService db = dbms.database("neo4j");
        db.executeTransactionally("RETURN 1");
        out.println(READY + " bolt://" + HOST + ":" + options.port());
        out.flush();
        if (options.watchStdin()) {
            drain(System.in);
            System.exit(0);
        }
        new CountDownLatch(1).await();
    }

    private static void stop(DatabaseManagementService dbms) {
        System.err.println("neo4j-launcher: shutting down");
        dbms.shutdown();
        System.err.println("neo4j-launcher: stopped");
        System.err.flush();
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // discard: only EOF matters
            }
        } catch (IOException e) {
            // a broken stdin counts as EOF
        }
    }
}
