package io.akscompute.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the CLI in this JVM, with what it printed. */
record Cli(int exitCode, String out, String err) {
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AksComputeCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
    }
}
