package dev.longview.lab.shop;

import java.util.List;

/**
 * The fixed table of categories the generator can use, in order: a shop with {@code k}
 * categories uses the first {@code k}. Each has word lists for titles and descriptions, a typical
 * price and a "replenishment" flag for consumables that people buy again.
 *
 * <p>The words are plain English shop vocabulary, chosen so that text search and text encoders
 * find real structure (a "skillet" is near a "saucepan", both in Home &gt; Kitchen).
 */
final class CategoryProfiles {
  private CategoryProfiles() {}

  /**
   * One category's generator parameters.
   *
   * @param parent top-level department
   * @param name leaf name; the item's category path is {@code parent > name}
   * @param medianPrice median of the log-normal price
   * @param priceSigma log-scale spread of the price
   * @param consumable true when the same item is bought again (coffee, skincare...)
   * @param nouns product nouns
   * @param adjectives descriptive words for titles
   * @param features sentences for descriptions
   * @param uses "ideal for ..." phrases
   */
  record Profile(
      String parent,
      String name,
      double medianPrice,
      double priceSigma,
      boolean consumable,
      List<String> nouns,
      List<String> adjectives,
      List<String> features,
      List<String> uses) {
    String path() {
      return parent + " > " + name;
    }
  }

  static final List<String> BRANDS = List.of(
      "Norrvik", "Alder & Co", "Brightwell", "Kestrel", "Moss Lane", "Oakhurst", "Pellow",
      "Quayside", "Rowan", "Solenne", "Tamsin", "Ulla", "Verity", "Wren", "Yarrow", "Zephyr");

  static final List<String> COLOURS = List.of(
      "charcoal", "sage", "navy", "sand", "white", "black", "terracotta", "ochre", "slate",
      "rose", "forest green", "oat");

  private static final List<Profile> PROFILES = List.of(
      new Profile("Home", "Kitchen", 24, 0.6, false,
          List.of("skillet", "saucepan", "kettle", "knife set", "cutting board", "mixing bowl",
              "colander", "teapot", "casserole dish", "spatula set"),
          List.of("cast-iron", "non-stick", "stainless steel", "enamel", "bamboo", "ceramic",
              "copper", "heavy-duty"),
          List.of("Dishwasher safe.", "Oven safe to 220 degrees.", "Works on induction hobs.",
              "Comfortable heat-resistant handle.", "Five-year guarantee."),
          List.of("weeknight dinners", "batch cooking", "small kitchens", "family meals",
              "weekend baking")),
      new Profile("Home", "Bedding", 45, 0.55, false,
          List.of("duvet cover", "pillow", "sheet set", "throw blanket", "mattress topper",
              "quilt", "pillowcase pair"),
          List.of("linen", "cotton percale", "brushed cotton", "organic cotton", "waffle-knit",
              "hypoallergenic", "lightweight"),
          List.of("Breathable and soft from the first wash.", "Machine washable at 40 degrees.",
              "Hidden button closure.", "OEKO-TEX certified fabric."),
          List.of("warm summer nights", "guest rooms", "cosy winter evenings", "light sleepers")),
      new Profile("Home", "Lighting", 38, 0.7, false,
          List.of("table lamp", "floor lamp", "pendant light", "LED strip", "desk lamp",
              "lantern", "wall light"),
          List.of("dimmable", "rattan", "brass", "opal glass", "minimalist", "industrial",
              "rechargeable"),
          List.of("Warm white bulb included.", "Touch dimmer with three levels.",
              "Energy-saving LED.", "Fabric cable in a matching colour."),
          List.of("reading corners", "home offices", "bedside tables", "living rooms")),
      new Profile("Garden", "Tools", 22, 0.6, false,
          List.of("trowel", "pruning shears", "garden hose", "rake", "watering can", "hand fork",
              "kneeler", "loppers"),
          List.of("ergonomic", "stainless steel", "carbon steel", "foldable", "lightweight",
              "rust-resistant"),
          List.of("Soft-grip handle.", "Hang hole for easy storage.", "Ten-year guarantee.",
              "Sharp bypass blades."),
          List.of("raised beds", "balcony gardens", "allotments", "spring planting")),
      new Profile("Electronics", "Audio", 79, 0.8, false,
          List.of("wireless headphones", "bluetooth speaker", "earbuds", "soundbar",
              "turntable", "radio"),
          List.of("noise-cancelling", "waterproof", "portable", "hi-fi", "compact",
              "over-ear"),
          List.of("Up to 30 hours of battery life.", "USB-C fast charging.",
              "Built-in microphone for calls.", "Pairs with two devices at once."),
          List.of("commuting", "the gym", "podcasts", "garden parties", "vinyl lovers")),
      new Profile("Electronics", "Computing", 55, 0.8, false,
          List.of("mechanical keyboard", "wireless mouse", "monitor stand", "USB-C hub",
              "webcam", "laptop sleeve", "external SSD"),
          List.of("ergonomic", "slim", "aluminium", "backlit", "plug-and-play", "quiet"),
          List.of("Works with Windows, macOS and Linux.", "Two-year warranty.",
              "Braided cable included.", "Full HD at 60 frames per second."),
          List.of("home offices", "video calls", "students", "gaming setups")),
      new Profile("Electronics", "Phone Accessories", 18, 0.6, true,
          List.of("phone case", "charging cable", "power bank", "screen protector",
              "wireless charger", "car mount"),
          List.of("shockproof", "magnetic", "braided", "fast-charging", "slim", "tempered-glass"),
          List.of("Compatible with most recent phones.", "Drop-tested to two metres.",
              "Supports 20 W fast charging.", "Easy bubble-free fitting."),
          List.of("travel", "everyday carry", "road trips", "long days out")),
      new Profile("Fashion", "Women", 42, 0.6, false,
          List.of("wrap dress", "blouse", "midi skirt", "cardigan", "trench coat", "jumpsuit",
              "knit jumper"),
          List.of("linen", "merino", "relaxed-fit", "tailored", "floral", "organic cotton",
              "pleated"),
          List.of("Machine washable.", "Model is 175 cm and wears a size 10.",
              "Made from responsibly sourced fibres.", "Side pockets."),
          List.of("the office", "weekends", "summer holidays", "evenings out")),
      new Profile("Fashion", "Men", 40, 0.6, false,
          List.of("oxford shirt", "chinos", "quilted jacket", "crew-neck jumper", "polo shirt",
              "overshirt", "jeans"),
          List.of("slim-fit", "regular-fit", "merino", "organic cotton", "stretch", "waxed"),
          List.of("Machine washable.", "Reinforced seams.", "Garment-dyed for a soft feel.",
              "Two chest pockets."),
          List.of("the office", "weekends", "smart-casual dinners", "cold mornings")),
      new Profile("Fashion", "Shoes", 65, 0.5, false,
          List.of("trainers", "chelsea boots", "sandals", "loafers", "running shoes",
              "hiking boots", "slippers"),
          List.of("leather", "suede", "vegan", "waterproof", "cushioned", "lightweight"),
          List.of("Removable cushioned insole.", "Grippy rubber outsole.",
              "True to size.", "Resoleable Goodyear welt."),
          List.of("city walks", "trail running", "everyday wear", "rainy days")),
      new Profile("Beauty", "Skincare", 16, 0.5, true,
          List.of("face serum", "moisturiser", "cleanser", "face mask", "sunscreen SPF 50",
              "lip balm", "eye cream"),
          List.of("hydrating", "fragrance-free", "vitamin C", "hyaluronic", "gentle",
              "overnight", "vegan"),
          List.of("Dermatologically tested.", "Suitable for sensitive skin.",
              "Recyclable packaging.", "50 ml bottle."),
          List.of("dry skin", "morning routines", "sensitive skin", "after the gym")),
      new Profile("Grocery", "Coffee & Tea", 9, 0.4, true,
          List.of("coffee beans", "ground coffee", "loose-leaf tea", "matcha powder",
              "herbal tea", "espresso pods", "chai blend"),
          List.of("single-origin", "organic", "dark roast", "decaf", "fair-trade",
              "smooth", "bold"),
          List.of("Roasted in small batches.", "Notes of chocolate and hazelnut.",
              "Resealable 250 g bag.", "Ethically sourced."),
          List.of("slow Sunday mornings", "espresso machines", "cafetieres", "afternoon breaks")),
      new Profile("Sports", "Fitness", 30, 0.7, false,
          List.of("yoga mat", "dumbbells", "resistance bands", "kettlebell", "foam roller",
              "skipping rope", "pull-up bar"),
          List.of("non-slip", "adjustable", "cork", "heavy-duty", "compact", "eco-friendly"),
          List.of("Includes a carry strap.", "Latex-free.", "Exercise guide included.",
              "Fits under the bed."),
          List.of("home workouts", "pilates", "strength training", "small flats")),
      new Profile("Sports", "Outdoor", 60, 0.8, false,
          List.of("tent", "sleeping bag", "hiking backpack", "head torch", "camping stove",
              "water bottle", "rain jacket"),
          List.of("ultralight", "waterproof", "insulated", "three-season", "packable",
              "recycled"),
          List.of("Packs down to the size of a bottle.", "Taped seams.",
              "Rated to minus five degrees.", "Lifetime repair service."),
          List.of("wild camping", "festivals", "day hikes", "bikepacking")),
      new Profile("Toys", "Games", 20, 0.6, false,
          List.of("board game", "jigsaw puzzle", "card game", "building set", "puzzle box",
              "party game"),
          List.of("family", "cooperative", "strategy", "1000-piece", "wooden", "travel-size"),
          List.of("For two to six players.", "Games last about 30 minutes.",
              "Made from recycled card.", "Ages eight and up."),
          List.of("game nights", "rainy afternoons", "family gatherings", "gifts")),
      new Profile("Pets", "Dogs", 19, 0.6, true,
          List.of("dog bed", "lead", "chew toy", "collar", "dog treats", "food bowl",
              "grooming brush"),
          List.of("orthopaedic", "reflective", "durable", "natural", "grain-free", "washable"),
          List.of("Machine-washable cover.", "Vet approved.", "Non-slip base.",
              "Made without artificial additives."),
          List.of("puppies", "senior dogs", "long walks", "training sessions")));

  static int count() {
    return PROFILES.size();
  }

  static Profile get(int index) {
    return PROFILES.get(index);
  }
}
