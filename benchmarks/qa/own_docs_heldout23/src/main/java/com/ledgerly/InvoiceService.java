package com.ledgerly;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Creates and sends invoices for Ledgerly customers.
 *
 * <p>Invoices are numbered per year: the first invoice of 2027 is LED-2027-0001.
 */
public class InvoiceService {

    /** Days a customer has to pay before an invoice counts as overdue. */
    public static final int PAYMENT_TERMS_DAYS = 30;

    /** The late fee added to an overdue invoice, as a share of its total. */
    public static final BigDecimal LATE_FEE_RATE = new BigDecimal("0.02");

    private static final String CURRENCY = "EUR"; // every invoice is in euros

    /**
     * Sends an invoice by email to the customer's billing address.
     *
     * @param invoiceId the invoice to send
     * @param copyToAccountant whether to send a copy to the accountant as well
     * @return the date the invoice was sent
     * @throws IllegalStateException if the invoice is still a draft
     */
    @Transactional
    public LocalDate send(long invoiceId, boolean copyToAccountant) {
        return LocalDate.now();
    }

    /**
     * Cancels an invoice. Cancelled invoices keep their number and are never deleted,
     * as the tax office requires.
     */
    public void cancel(long invoiceId) {
    }
}
