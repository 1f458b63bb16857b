import type { XmlElement } from '../xml/xml-node';
import { hasTradingRole, sameOrgId, type OrgComp } from './components';
import type { InboundMessage } from './inbound-message';
import type { PaymentRequestCheck, PaymentRequestView } from './payment-request-view';
import { locate, many, one, opt, sequence, some, type ReadCtx } from './read-context';
import type { PayReqBlk } from './trading-blocks';
import { fail, WireFault } from './wire-error';

/** Amount syntax we enforce (iotp-messages §1.7); > 0 is decided on the digits, never as a float. */
const AMOUNT = /^[0-9]+(\.[0-9]+)?$/;
export const isPositiveAmount = (amount: string): boolean => AMOUNT.test(amount) && /[1-9]/.test(amount);

/**
 * The structural checks 4–8 of profile §2.3 (iotp-messages §9 steps 1–7, 10) with their exact
 * error codes and locations. `ourOrgId` is compared case-insensitively. Business checks are not here.
 */
export const checkPaymentRequest = (msg: InboundMessage, ourOrgId: string): PaymentRequestCheck => {
  try {
    return { ok: true, view: check(msg, ourOrgId) };
  } catch (e) {
    if (e instanceof WireFault) return { ok: false, error: e.wire };
    throw e;
  }
};

const check = (msg: InboundMessage, ourOrgId: string): PaymentRequestView => {
  const ctx: ReadCtx = { iotpMsgRef: msg.transRef.msgId.id, blkRef: msg.block.id };
  if (msg.block.type !== 'PayReqBlk')
    fail(
      'ElUnexpected',
      `${msg.block.element.name} is not a Payment Request.`,
      locate(msg.block.element, ctx),
    );
  const blk = msg.block as PayReqBlk;

  // Check 4: components present (ElMissing), DTD sequence (XmlNotValid), references resolve (ElInconsistent).
  for (const [name, list] of [
    ['Status', blk.statuses],
    ['BrandList', blk.brandLists],
    ['BrandSelection', blk.brandSelections],
    ['Payment', blk.payments],
  ] as const)
    if (list.length === 0) fail('ElMissing', `PayReqBlk lacks ${name}.`, locate(blk.element, ctx), name);
  sequence(blk.element, ctx, [
    some('Status'),
    one('BrandList'),
    one('BrandSelection'),
    one('Payment'),
    opt('PaySchemeData'),
    many('Org'),
    many('TradingRoleData'),
  ]);
  const [payment] = blk.payments;
  const [brandList] = blk.brandLists;
  const [sel] = blk.brandSelections;
  const inconsistent = (el: XmlElement, c: ReadCtx, att: string, value: string, why: string): never =>
    fail('ElInconsistent', why, locate(el, c, att), value);
  const payCtx = { ...ctx, compRef: payment.id };
  const selCtx = { ...ctx, compRef: sel.id };
  const listCtx = { ...ctx, compRef: brandList.id };

  if (brandList.id !== payment.brandListRef)
    inconsistent(payment.element, payCtx, 'BrandListRef', payment.brandListRef,
      `Payment/@BrandListRef ${payment.brandListRef} does not name the BrandList ${brandList.id}.`); // prettier-ignore
  if (sel.brandListRef !== payment.brandListRef)
    inconsistent(sel.element, selCtx, 'BrandListRef', sel.brandListRef,
      `BrandSelection/@BrandListRef ${sel.brandListRef} differs from Payment/@BrandListRef.`); // prettier-ignore
  const pick = <T extends { id: string }>(list: readonly T[], ref: string, att: string, what: string): T => {
    const found = list.filter((x) => x.id === ref);
    if (found.length !== 1)
      inconsistent(sel.element, selCtx, att, ref, `${what} ${ref} is not in BrandList ${brandList.id}.`);
    return found[0];
  };
  const brand = pick(brandList.brands, sel.brandRef, 'BrandRef', 'Brand');
  const protocolAmount = pick(
    brandList.protocolAmounts,
    sel.protocolAmountRef,
    'ProtocolAmountRef',
    'ProtocolAmount',
  );
  const currencyAmount = pick(
    brandList.currencyAmounts,
    sel.currencyAmountRef,
    'CurrencyAmountRef',
    'CurrencyAmount',
  );
  if (!brand.protocolAmountRefs.includes(protocolAmount.id))
    inconsistent(sel.element, selCtx, 'ProtocolAmountRef', protocolAmount.id,
      `Brand ${brand.id} does not offer ProtocolAmount ${protocolAmount.id}.`); // prettier-ignore
  if (!protocolAmount.currencyAmountRefs.includes(currencyAmount.id))
    inconsistent(sel.element, selCtx, 'CurrencyAmountRef', currencyAmount.id,
      `ProtocolAmount ${protocolAmount.id} does not offer CurrencyAmount ${currencyAmount.id}.`); // prettier-ignore
  const payProtocols = brandList.payProtocols.filter((p) => p.id === protocolAmount.payProtocolRef);
  if (payProtocols.length !== 1)
    inconsistent(protocolAmount.element, listCtx, 'PayProtocolRef', protocolAmount.payProtocolRef,
      `PayProtocol ${protocolAmount.payProtocolRef} is not in BrandList ${brandList.id}.`); // prettier-ignore
  const [payProtocol] = payProtocols;

  // Check 5: the Org named by ActionOrgRef is us.
  const phOrgs = blk.orgs.filter((o) => o.id === payProtocol.actionOrgRef);
  const phOrg = phOrgs[0] as OrgComp | undefined;
  const phRole = phOrg?.tradingRoles.find((t) => t.tradingRole === 'PaymentHandler');
  if (phOrgs.length !== 1 || !phOrg || !phRole || !sameOrgId(phOrg.orgId, ourOrgId))
    inconsistent(payProtocol.element, listCtx, 'ActionOrgRef', payProtocol.actionOrgRef,
      `PayProtocol/@ActionOrgRef ${payProtocol.actionOrgRef} does not name our PaymentHandler Org ${ourOrgId}.`); // prettier-ignore

  // Check 6: exactly one Merchant.
  const merchants = blk.orgs.filter((o) => hasTradingRole(o, 'Merchant'));
  if (merchants.length === 0)
    fail(
      'ElMissing',
      'PayReqBlk has no Org with TradingRole Merchant.',
      { ...locate(blk.element, ctx), elementType: 'Org' },
      'Org',
    );
  if (merchants.length > 1)
    fail('ElInconsistent', 'PayReqBlk has more than one Merchant Org.',
      locate(merchants[1].element, { ...ctx, compRef: merchants[1].id }), merchants[1].orgId); // prettier-ignore
  const [merchantOrg] = merchants;

  // Check 7: every Status reports success.
  for (const s of blk.statuses)
    if (s.processState !== 'CompletedOk')
      inconsistent(s.element, { ...ctx, compRef: s.id }, 'ProcessState', s.processState,
        `Status ${s.id} is ${s.processState}, not CompletedOk.`); // prettier-ignore

  // Check 8: the amount.
  if (!isPositiveAmount(currencyAmount.amount))
    fail('AttValIllegal', `Amount "${currencyAmount.amount}" is not a positive decimal.`,
      locate(currencyAmount.element, listCtx, 'Amount'), currencyAmount.amount); // prettier-ignore

  const protocolBrand = brand.protocolBrands.find((pb) => pb.protocolId === payProtocol.protocolId);
  const ph = phOrg as OrgComp;
  return {
    block: blk,
    paymentId: payment.id,
    payment,
    okFrom: payment.okFrom,
    okTo: payment.okTo,
    signedPayReceipt: payment.signedPayReceipt,
    brandList,
    brandSelection: sel,
    brand,
    protocolAmount,
    currencyAmount,
    payProtocol,
    protocolBrand,
    brandId: brand.brandId,
    protocolId: payProtocol.protocolId,
    protocolBrandId: protocolBrand?.protocolBrandId,
    amount: currencyAmount.amount,
    currCode: currencyAmount.currCode,
    currCodeType: currencyAmount.currCodeType,
    payDirection: brandList.payDirection,
    merchantOrg,
    merchantOrgId: merchantOrg.orgId,
    phOrg: ph,
    phOrgRef: ph.id,
    phTradingRole: phRole as NonNullable<typeof phRole>,
    consumerOrgs: blk.orgs.filter((o) => hasTradingRole(o, 'Consumer')),
    statuses: blk.statuses,
    paySchemeData: blk.paySchemeData[0],
    paySchemeDataList: blk.paySchemeData,
    tradingRoleData: blk.tradingRoleData,
    tradingRoleDataForUs: blk.tradingRoleData.filter((t) => t.destinationElRefs.includes(ph.id)),
    orgs: blk.orgs,
    paymentElement: payment.element,
    brandListElement: brandList.element,
    brandSelectionElement: sel.element,
  };
};
