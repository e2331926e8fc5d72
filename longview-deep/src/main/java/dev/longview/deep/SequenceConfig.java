package dev.longview.deep;

/**
 * Hyperparameters of a sequential next-item model, checked on construction. Both architectures
 * share them; {@code layers} counts Transformer blocks for SASRec and stacked GRU layers for
 * GRU4Rec, and {@code heads} is read by SASRec only.
 *
 * @param architecture which network to train
 * @param dim item embedding size, also the Transformer width / GRU state size (output scores are
 *     dot products with the same item embeddings)
 * @param layers Transformer blocks (SASRec) or GRU layers (GRU4Rec), >= 1
 * @param heads attention heads (SASRec); must divide {@code dim}
 * @param maxLength most recent items a sequence is cut to, for training windows and scoring
 * @param dropout dropout rate in [0, 1)
 * @param learningRate Adam step size
 * @param l2 L2 penalty added to the gradient of every parameter (0 for none)
 * @param batchSize training windows per step
 * @param maxEpochs upper bound on passes over the training windows
 * @param patience stop after this many epochs without a better validation NDCG@10 (the best
 *     epoch's parameters are kept); 0 trains all {@code maxEpochs} and keeps the last
 * @param seed initialisation, dropout, shuffling and negative-sampling seed
 * @param loss the training objective ({@link Loss})
 * @param negatives uniformly sampled negative items shared by a batch, for {@link
 *     Loss#SAMPLED_SOFTMAX} only (capped at the catalogue size); ignored by the other losses
 */
public record SequenceConfig(Architecture architecture, int dim, int layers, int heads,
    int maxLength, double dropout, double learningRate, double l2, int batchSize, int maxEpochs,
    int patience, long seed, Loss loss, int negatives) {

  /** Negatives per batch of {@link Loss#SAMPLED_SOFTMAX} when none are given. */
  public static final int DEFAULT_NEGATIVES = 256;

  /** The next-item training objectives; all score the target by a dot product with its embedding. */
  public enum Loss {
    /** Cross-entropy of a softmax over every item, at every real position (the default). */
    SOFTMAX,
    /**
     * Cross-entropy of a softmax over the target and {@code negatives} items drawn uniformly
     * without replacement once per batch and shared by all its positions (Jean et al. 2015; a
     * negative equal to a position's target is masked out). Output cost {@code negatives + 1}
     * instead of the catalogue size per position.
     */
    SAMPLED_SOFTMAX,
    /**
     * Binary cross-entropy of the target against one negative per position, drawn uniformly from
     * the items not in the user's training sequence, as in Kang and McAuley (ICDM 2018).
     */
    BCE;

    /** The parameter value that names this loss: softmax, sampled or bce. */
    public String parameterName() {
      return switch (this) {
        case SOFTMAX -> "softmax";
        case SAMPLED_SOFTMAX -> "sampled";
        case BCE -> "bce";
      };
    }

    /** The loss a parameter value names (see {@link #parameterName()}). */
    public static Loss ofParameter(String name) {
      for (Loss l : values()) {
        if (l.parameterName().equals(name)) {
          return l;
        }
      }
      throw new IllegalArgumentException("loss was \"" + name + "\"; use softmax, sampled or bce");
    }
  }

  /** A configuration trained with the full softmax ({@link Loss#SOFTMAX}). */
  public SequenceConfig(Architecture architecture, int dim, int layers, int heads, int maxLength,
      double dropout, double learningRate, double l2, int batchSize, int maxEpochs, int patience,
      long seed) {
    this(architecture, dim, layers, heads, maxLength, dropout, learningRate, l2, batchSize,
        maxEpochs, patience, seed, Loss.SOFTMAX, DEFAULT_NEGATIVES);
  }

  /** The two network families. */
  public enum Architecture {
    /** Self-attentive sequential recommendation (Kang and McAuley, ICDM 2018). */
    SASREC,
    /** Session-based recommendation with recurrent networks (Hidasi et al., ICLR 2016). */
    GRU4REC
  }

  public SequenceConfig {
    if (architecture == null) {
      throw new IllegalArgumentException("architecture is missing; use SASREC or GRU4REC");
    }
    check("dim", dim, 1, 4096);
    check("layers", layers, 1, 16);
    check("heads", heads, 1, dim);
    if (architecture == Architecture.SASREC && dim % heads != 0) {
      throw new IllegalArgumentException("heads was " + heads + " but dim " + dim
          + " is not a multiple of it; use heads that divide dim, e.g. 1 or 2");
    }
    check("max_len", maxLength, 2, 4096);
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout was " + dropout + "; use a rate in [0, 1), e.g. 0.2");
    }
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("learning_rate was " + learningRate + "; use a value in (0, 1], e.g. 0.001");
    }
    if (!(l2 >= 0 && l2 < 1)) {
      throw new IllegalArgumentException("l2 was " + l2 + "; use a value in [0, 1), e.g. 0");
    }
    check("batch_size", batchSize, 1, 1 << 16);
    check("epochs", maxEpochs, 1, 100_000);
    check("patience", patience, 0, 100_000);
    if (loss == null) {
      throw new IllegalArgumentException("loss is missing; use softmax, sampled or bce");
    }
    check("negatives", negatives, 1, 1 << 20);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " was " + value + "; use a whole number in ["
          + min + ", " + max + "]");
    }
  }
}
