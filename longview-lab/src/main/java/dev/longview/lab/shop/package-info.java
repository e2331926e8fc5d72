/**
 * A deterministic synthetic shop for demos and tests (the policy lab's world is {@code dev.longview.lab.sim}).
 *
 * <p>The API is five types: {@link dev.longview.lab.shop.ShopConfig} says what to generate,
 * {@link dev.longview.lab.shop.ShopGenerator} generates it into a
 * {@link dev.longview.lab.shop.ShopSink} (or into memory as {@link dev.longview.lab.shop.ShopData})
 * and returns a {@link dev.longview.lab.shop.ShopSummary}. Everything else is package-private.
 *
 * <pre>{@code
 * ShopSummary summary = new ShopGenerator(ShopConfig.defaults()).generate(new ShopSink() {
 *   public void user(User u) { writer.putUser(u); }
 *   public void item(Item i) { writer.putItem(i); }
 *   public void event(Event e) { writer.addEvent(e); }
 * });
 * System.out.println(summary.describe());
 * }</pre>
 *
 * <p>The model behind the data is described in {@link dev.longview.lab.shop.ShopGenerator}.
 */
package dev.longview.lab.shop;
