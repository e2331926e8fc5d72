package dev.longview.core.snapshot;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/** Item and user side data of a snapshot, in dense index order. Immutable once built. */
final class SideData {
  final int[] itemCategoryPtr;
  final int[] itemCategoryIds;
  final String[] categoryNames;
  final float[] itemPrice;
  final BitSet itemHidden;
  final String[] itemTitle;
  final long[] userFirstSeen;
  final List<Map<String, Object>> userAttributes;

  SideData(int[] itemCategoryPtr, int[] itemCategoryIds, String[] categoryNames, float[] itemPrice,
      BitSet itemHidden, String[] itemTitle, long[] userFirstSeen,
      List<Map<String, Object>> userAttributes) {
    this.itemCategoryPtr = itemCategoryPtr;
    this.itemCategoryIds = itemCategoryIds;
    this.categoryNames = categoryNames;
    this.itemPrice = itemPrice;
    this.itemHidden = itemHidden;
    this.itemTitle = itemTitle;
    this.userFirstSeen = userFirstSeen;
    this.userAttributes = userAttributes;
  }

  List<String> itemCategories(int item) {
    String[] out = new String[itemCategoryPtr[item + 1] - itemCategoryPtr[item]];
    for (int k = 0; k < out.length; k++) {
      out[k] = categoryNames[itemCategoryIds[itemCategoryPtr[item] + k]];
    }
    return List.of(out);
  }

  int[] itemCategoryIndices(int item) {
    return Arrays.copyOfRange(itemCategoryIds, itemCategoryPtr[item], itemCategoryPtr[item + 1]);
  }

  List<String> categoryNames() {
    return List.of(categoryNames);
  }
}
