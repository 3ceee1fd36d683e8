package io.tagstream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house rules of the code base, checked on the compiled classes of every module (this module's test classpath
 * holds them all): data flows one way along the modules (features → model → training; features → ingest; the app
 * on top), the app's own packages are layered (wiring → web → topology → config, labeller, metrics), and no two
 * packages import each other, directly or around a loop.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tagstream");
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.tagstream.(**)").should().beFreeOfCycles().check(classes);
    }

    /**
     * The streams app, top down: {@code io.tagstream.app} only wires it ({@code TagstreamApp}); the web side (REST,
     * dashboard, event streams) reads the topology's stores and recent history; the topology (processors, their
     * state, dead letters) knows nothing of the web side; config, labeller and metrics are leaves that know none of
     * the others. Clients of the app (cli, demo, the benches) are outside these layers.
     */
    @Test
    void theAppIsLayeredWiringOverWebOverTopologyOverConfigLabellerAndMetrics() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("wiring").definedBy("io.tagstream.app")
                .layer("web").definedBy("io.tagstream.app.web..")
                .layer("topology").definedBy("io.tagstream.app.topology..")
                .layer("config").definedBy("io.tagstream.app.config..")
                .layer("labeller").definedBy("io.tagstream.app.labeller..")
                .layer("metrics").definedBy("io.tagstream.app.metrics..")
                .whereLayer("wiring").mayNotBeAccessedByAnyLayer()
                .whereLayer("web").mayOnlyBeAccessedByLayers("wiring")
                .whereLayer("topology").mayOnlyBeAccessedByLayers("wiring", "web")
                .whereLayer("config").mayOnlyBeAccessedByLayers("wiring", "web", "topology")
                .whereLayer("labeller").mayOnlyBeAccessedByLayers("wiring", "web", "topology")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("wiring", "web", "topology")
                .check(classes);
    }

    @Test
    void theInferenceEngineHoldsNoTrainingCorpusEvaluationOrPlots() {
        noClasses().that().resideInAnyPackage("io.tagstream.model..", "io.tagstream.labels..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tagstream.training..", "io.tagstream.corpus..",
                        "io.tagstream.evaluation..", "io.tagstream.plots..", "io.tagstream.reference..")
                .check(classes);
    }

    @Test
    void noLibraryModuleReachesIntoTheAppOrKafkaStreams() {
        noClasses().that().resideInAnyPackage("io.tagstream.features..", "io.tagstream.wire..", "io.tagstream.model..",
                        "io.tagstream.labels..", "io.tagstream.training..", "io.tagstream.corpus..",
                        "io.tagstream.evaluation..", "io.tagstream.plots..", "io.tagstream.reference..",
                        "io.tagstream.ingest..", "io.tagstream.kafka..", "io.tagstream.broker..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tagstream.app..", "io.tagstream.cli..",
                        "io.tagstream.demo..", "org.apache.kafka.streams..")
                .check(classes);
    }

    @Test
    void theProducerLibraryCarriesNoBroker() {
        noClasses().that().resideInAnyPackage("io.tagstream.ingest..", "io.tagstream.kafka..", "io.tagstream.wire..",
                        "io.tagstream.features..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tagstream.broker..", "kafka..",
                        "org.apache.kafka.server..", "org.apache.kafka.raft..")
                .check(classes);
    }

    @Test
    void modelsAreMadeInTrainingAndNotInTheEngineOrTheApp() {
        noClasses().that().resideInAnyPackage("io.tagstream.model..", "io.tagstream.labels..", "io.tagstream.app..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j.autodiff..")
                .check(classes);
    }
}
