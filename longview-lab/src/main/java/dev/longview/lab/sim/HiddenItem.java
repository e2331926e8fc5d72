package dev.longview.lab.sim;

/**
 * An item as the simulated users know it. Package-private: quality and click-bait are hidden
 * state that no policy may read; the engine sees only the item's id, topic (category) and price.
 */
record HiddenItem(int topic, double quality, double clickbait, double price) {}
