package io.tagstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.tagstream.model.Nd4jNativeBuild;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** The bench command's contract (not its numbers): one JSON object with --json, usage errors otherwise. */
class BenchCommandTest {

    @Test
    void jsonModePrintsExactlyOneObjectOfPositiveFigures() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = TagstreamCommand.commandLine().execute("bench", "features", "--json");
        } finally {
            System.setOut(original);
        }
        assertEquals(0, exit);
        String out = captured.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, out.lines().count(), out);
        JsonNode figures = new ObjectMapper().readTree(out);
        assertTrue(figures.get("features_streaming_fps").asDouble() > 0, out);
        assertTrue(figures.get("features_x_real_time").asDouble() > 0, out);
        assertEquals(Nd4jNativeBuild.classifier(), figures.get("nd4j_build").asText(), out);
    }

    @Test
    void anUnknownSuiteIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = TagstreamCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("bench", "gpu"));
        assertTrue(err.toString().contains("unknown suite 'gpu'"), err.toString());
    }
}
