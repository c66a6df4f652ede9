package io.akscompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.akscompute.cli.OutputOptions.Format;
import io.akscompute.common.contract.Json;
import org.junit.jupiter.api.Test;

/** The output formats against what az prints for the same JSON. */
class AzFormatsTest {
    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void jsonIsIndentedByTwoWithKeysSortedAsAzPrintsIt() throws Exception {
        assertThat(AzFormats.render(json("{\"b\":[1,{\"y\":null,\"x\":\"é\"}],\"a\":{},\"c\":[]}"), Format.json, false))
                .isEqualTo("""
                        {
                          "a": {},
                          "b": [
                            1,
                            {
                              "x": "é",
                              "y": null
                            }
                          ],
                          "c": []
                        }
                        """);
        assertThat(AzFormats.render(json("\"/subscriptions/s/x\""), Format.json, true)).isEqualTo("\"/subscriptions/s/x\"\n");
    }

    @Test
    void jsoncIsTheSameJsonInColour() throws Exception {
        String coloured = AzFormats.render(json("{\"a\":\"b\"}"), Format.jsonc, false);

        assertThat(coloured).contains("\u001b[").isNotEqualTo(AzFormats.render(json("{\"a\":\"b\"}"), Format.json, false));
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo("{\n  \"a\": \"b\"\n}\n");
    }

    @Test
    void yamlSortsKeysAndLeavesPlainTextUnquoted() throws Exception {
        assertThat(AzFormats.render(json("{\"name\":\"prod\",\"agents\":[\"a\",\"b\"],\"attached\":true}"), Format.yaml,
                false)).isEqualTo("""
                        agents:
                        - a
                        - b
                        attached: true
                        name: prod
                        """);
    }

    @Test
    void tsvPrintsALinePerItemWithScalarsInKeyOrderAndNestedListsAsTheirLength() throws Exception {
        assertThat(AzFormats.render(json("[{\"name\":\"a\",\"count\":3,\"on\":true,\"tags\":[1,2],\"p\":{}},"
                + "{\"name\":\"b\",\"count\":1,\"on\":false,\"tags\":[],\"p\":{}}]"), Format.tsv, false))
                .isEqualTo("3\ta\tTrue\t\t2\n1\tb\tFalse\t\t0\n");
        assertThat(AzFormats.render(json("[\"1.32.7\",\"1.31.9\"]"), Format.tsv, true)).isEqualTo("1.32.7\n1.31.9\n");
    }

    @Test
    void tableShowsScalarFieldsCapitalisedAndLeavesOutIdTypeAndNestedValues() throws Exception {
        assertThat(AzFormats.render(json("[{\"name\":\"a\",\"id\":\"/x\",\"type\":\"t\",\"agentCount\":3,"
                + "\"attached\":true,\"properties\":{\"k\":1}},{\"name\":\"bb\",\"agentCount\":12,\"attached\":false}]"),
                Format.table, false)).isEqualTo("""
                          AgentCount  Attached    Name
                        ------------  ----------  ------
                                   3  True        a
                                  12  False       bb
                        """);
    }

    @Test
    void aQueriedListOfScalarsIsTheResultColumnAsInTheHowTo() throws Exception {
        assertThat(AzFormats.render(json("[\"1.16.13\"]"), Format.table, true)).isEqualTo("""
                Result
                --------
                1.16.13
                """);
        assertThat(AzFormats.render(json("[[\"a\",1]]"), Format.table, true)).isEqualTo("""
                Column1      Column2
                ---------  ---------
                a                  1
                """);
    }

    @Test
    void nothingIsPrintedForANullResultOrWithNone() throws Exception {
        assertThat(AzFormats.render(json("null"), Format.json, true)).isEmpty();
        assertThat(AzFormats.render(json("{\"a\":1}"), Format.none, false)).isEmpty();
    }
}
