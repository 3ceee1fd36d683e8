package io.tagstream.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The float exponential used by softmax and GELU against {@link Math#exp}. */
class FloatExpTest {

    @Test
    void relativeErrorIsBelowThreeTenMillionthsOverTheFloatRange() {
        double worst = 0;
        for (float x = -87f; x <= 88f; x += 1.7e-4f) {
            double exact = Math.exp(x);
            worst = Math.max(worst, Math.abs(FloatExp.exp(x) - exact) / exact);
        }
        assertTrue(worst < 3e-7, "max relative error " + worst);
    }

    @Test
    void tailsAndSpecialValues() {
        assertEquals(1f, FloatExp.exp(0f), 0f);
        assertEquals(0f, FloatExp.exp(-100f), 0f);
        assertEquals(0f, FloatExp.exp(Float.NEGATIVE_INFINITY), 0f);
        assertEquals(Float.POSITIVE_INFINITY, FloatExp.exp(100f), 0f);
        assertEquals(Math.exp(88.5), FloatExp.exp(88.5f), Math.exp(88.5) * 1e-6);
    }

    @Test
    void geluMatchesItsDoublePrecisionFormula() {
        for (float x = -12f; x <= 12f; x += 1e-3f) {
            double exact = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            assertEquals(exact, Activation.GELU.apply(x), 1e-6 * (1 + Math.abs(x)), "GELU(" + x + ")");
        }
    }
}
