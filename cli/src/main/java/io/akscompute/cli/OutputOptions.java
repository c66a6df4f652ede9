package io.akscompute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import io.burt.jmespath.parser.ParseException;
import java.io.PrintWriter;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code -o} and {@code --query} as az has them: a JMESPath query on the JSON result, then one of az's formats. */
final class OutputOptions {
    private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();

    enum Format { json, jsonc, table, tsv, yaml, none }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", order = 95,
            description = "${COMPLETION-CANDIDATES}. Default: the command's.")
    Format format;

    @Option(names = "--query", paramLabel = "JMESPATH", order = 96,
            description = "JMESPath query applied to the JSON result, as az's --query.")
    String query;

    /** Whether the user chose a format or a query, which turns a command's plain text into its result. */
    boolean given() {
        return format != null || query != null;
    }

    /** The format chosen, else {@code otherwise}. */
    Format format(Format otherwise) {
        return format != null ? format : otherwise;
    }

    /**
     * Applies --query to {@code result} and prints it in the chosen format, else {@code otherwise}. {@code ownTable}
     * is the command's table for its unqueried result (az's table transformer); a queried result gets az's
     * generic table.
     */
    void print(PrintWriter out, JsonNode result, Format otherwise, Function<JsonNode, String> ownTable) {
        JsonNode shown = query == null ? result : check().search(result);
        Format chosen = format(otherwise);
        String text = chosen == Format.table && query == null && ownTable != null ? ownTable.apply(shown)
                : AzFormats.render(shown, chosen, query != null);
        out.print(text);
        out.flush();
    }

    /**
     * A command whose plain answer is text: the text, or with -o or --query its result as JSON in that format
     * (json unless chosen).
     */
    void result(PrintWriter out, JsonNode result, Runnable plain) {
        if (given()) {
            print(out, result, Format.json, null);
        } else {
            plain.run();
        }
    }

    private Expression<JsonNode> compiled;

    /** Compiles the query; a malformed one is a usage error, named as az names it. Commands call it first. */
    Expression<JsonNode> check() {
        if (compiled != null || query == null) {
            return compiled;
        }
        try {
            compiled = JMESPATH.compile(query);
            return compiled;
        } catch (ParseException e) {
            throw new ParameterException(spec.commandLine(),
                    "argument --query: invalid jmespath_type value: '" + query + "' (" + e.getMessage() + ")");
        }
    }
}
