package dev.longview.lifecycle;

import java.time.Instant;
import java.util.function.IntPredicate;

/**
 * Shop metrics over a time span {@code [from, to)}, on events of the conversion type.
 *
 * <ul>
 *   <li>An <b>order</b> is an invoice: the events' order code (context session id; for
 *       online-retail the InvoiceNo), or, for events without one, the user and the exact time.
 *       An order whose lines have a negative value is a cancellation.
 *   <li><b>orders</b> = distinct orders - distinct cancellations (cancellations subtract);
 *       the same per customer gives the customer's net orders.
 *   <li><b>revenue</b> = the sum of line revenues ({@code quantity * unitPrice}; cancellations are
 *       negative); <b>AOV</b> = revenue / orders.
 *   <li><b>customers</b> = users with at least 1 net order in the span; <b>purchase
 *       frequency</b> = orders / customers; <b>repeat purchase rate</b> = users with at least
 *       2 net orders / customers.
 *   <li><b>conversion rate</b> = customers / users with any active event in the span.
 * </ul>
 * Ratios with a zero denominator are 0.
 */
public record CommerceMetrics(long orders, double revenue, long customers, long repeatCustomers,
    long activeUsers) {

  public double aov() {
    return orders == 0 ? 0 : revenue / orders;
  }

  public double purchaseFrequency() {
    return customers == 0 ? 0 : (double) orders / customers;
  }

  public double repeatPurchaseRate() {
    return customers == 0 ? 0 : (double) repeatCustomers / customers;
  }

  public double conversionRate() {
    return activeUsers == 0 ? 0 : (double) customers / activeUsers;
  }

  public static CommerceMetrics of(ActivityLog log, LifecycleConfig config, Instant from,
      Instant to, IntPredicate include) {
    long fromMs = from.toEpochMilli();
    long toMs = to.toEpochMilli();
    int conversion = log.typeCode(config.conversionType());
    boolean[] active = ActiveDays.activeTypes(log, config);
    int maxOrder = -1;
    for (int e = 0; e < log.events(); e++) {
      maxOrder = Math.max(maxOrder, log.order(e));
    }
    int[] stamp = new int[maxOrder + 1];
    long orders = 0;
    double revenue = 0;
    long customers = 0;
    long repeat = 0;
    long activeUsers = 0;
    for (int u = 0; u < log.users(); u++) {
      if (!include.test(u)) {
        continue;
      }
      int pos = 0;
      int neg = 0;
      long lastPosTime = Long.MIN_VALUE;
      long lastNegTime = Long.MIN_VALUE;
      boolean isActive = false;
      for (int e = log.userStart(u); e < log.userEnd(u); e++) {
        long t = log.timeMs(e);
        if (t < fromMs) {
          continue;
        }
        if (t >= toMs) {
          break;
        }
        int ty = log.type(e);
        boolean cancel = ty == conversion && log.value(e) < 0;
        isActive |= active[ty] && !cancel;
        if (ty != conversion) {
          continue;
        }
        revenue += log.revenue(e);
        int o = log.order(e);
        if (o >= 0) {
          if (stamp[o] != u + 1) {
            stamp[o] = u + 1;
            if (cancel) {
              neg++;
            } else {
              pos++;
            }
          }
        } else if (cancel) {
          if (t != lastNegTime) {
            neg++;
            lastNegTime = t;
          }
        } else if (t != lastPosTime) {
          pos++;
          lastPosTime = t;
        }
      }
      int net = pos - neg;
      orders += net;
      if (net >= 1) {
        customers++;
      }
      if (net >= 2) {
        repeat++;
      }
      if (isActive) {
        activeUsers++;
      }
    }
    return new CommerceMetrics(orders, revenue, customers, repeat, activeUsers);
  }
}
