package dev.longview.eval;

import dev.longview.core.model.Trainer;
import java.util.Map;

/**
 * Makes a trainer from text parameters and a seed; the evaluator's only view of an algorithm (the
 * command line passes {@code Algorithms::trainer} bound to a model name).
 */
@FunctionalInterface
public interface TrainerFactory {
  /**
   * @throws IllegalArgumentException for an unknown parameter or a bad value
   */
  Trainer create(Map<String, String> params, long seed);
}
