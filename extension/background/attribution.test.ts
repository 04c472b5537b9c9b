import { describe, expect, test } from 'vitest';
import { attributeCapture, pickFor } from './attribution';

describe('whom captured rows belong to, from the browser-stamped sender', () => {
  test('a page on a known portal host captures for that portal', () => {
    const lakala = attributeCapture(
      { url: 'https://merchant.lakala.com/trade/query?page=2', origin: 'https://merchant.lakala.com' },
      undefined,
    );
    expect(lakala).toEqual({
      ok: true,
      owner: { by: 'portal', portal: 'lakala', exportFormat: null },
      currency: 'CNY',
      site: 'merchant.lakala.com',
    });
    const stripe = attributeCapture({ url: 'https://dashboard.stripe.com/payments' }, undefined);
    expect(stripe).toMatchObject({ ok: true, owner: { by: 'portal', portal: 'stripe', exportFormat: 'stripe-itemized' } });
  });

  test('a look-alike host is no portal: its rows are refused with the way to capture it', () => {
    for (const url of ['https://lakala.com.evil.example/q', 'https://merchant-lakala.com/q', 'http://merchant.lakala.com/q']) {
      const refused = attributeCapture({ url }, undefined);
      expect(refused.ok, url).toBe(false);
      if (!refused.ok)
        expect(refused.message).toMatch(
          /^refused: .* is not a known portal of any acquirer.*choose the acquirer in the Settlewatch popup and press "Capture this page"/,
        );
    }
  });

  test("the merchant's pick covers the origin it was made on only", () => {
    const pick = { acquirer: 'lakala-shop2', origin: 'https://erp.example' };
    expect(attributeCapture({ url: 'https://erp.example/orders', origin: 'https://erp.example' }, pick)).toEqual({
      ok: true,
      owner: { by: 'pick', acquirer: 'lakala-shop2' },
      currency: null,
      site: 'erp.example',
    });
    expect(attributeCapture({ url: 'https://ads.example/frame', origin: 'https://ads.example' }, pick).ok).toBe(false);
    // A pick of a portal id captures as that portal would.
    expect(attributeCapture({ url: 'https://erp.example/x' }, { acquirer: 'stripe', origin: 'https://erp.example' })).toMatchObject({
      ok: true,
      owner: { by: 'portal', portal: 'stripe' },
      currency: 'USD',
    });
  });

  test("an origin that is not the address's, or no address at all, is refused", () => {
    expect(attributeCapture({ url: 'https://merchant.lakala.com/q', origin: 'https://evil.example' }, undefined)).toEqual({
      ok: false,
      message: "refused: the page's origin https://evil.example is not that of its address https://merchant.lakala.com",
    });
    expect(attributeCapture({}, undefined).ok).toBe(false);
    expect(attributeCapture({ url: 'file:///tmp/x.html' }, undefined).ok).toBe(false);
  });

  test('a pick is made for a web page the tab shows, with an acquirer', () => {
    expect(pickFor('https://erp.example/orders?x=1', 'lakala')).toEqual({
      ok: true,
      pick: { acquirer: 'lakala', origin: 'https://erp.example' },
    });
    expect(pickFor(undefined, 'lakala').ok).toBe(false);
    expect(pickFor('chrome://settings', 'lakala').ok).toBe(false);
    expect(pickFor('https://erp.example/', '').ok).toBe(false);
  });
});
