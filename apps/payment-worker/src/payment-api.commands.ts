import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ApiRequest, CallType, IotpPaymentApiResponse, RequestOf } from '@ph/payment-api';
import { errorAt, makeErrorResponse } from '@ph/payment-api';
import { type CallMeta, PaymentApiRequestHandler } from './payment-api-request.handler';

/*
 * One @nestjs/cqrs command (and handler) per Payment API call the worker answers. The CommandBus is
 * only the in-process dispatcher: the append to the event store inside PaymentApiRequestHandler is
 * the commit. Every handler catches its own errors (architecture §3): an exception escaping a cqrs
 * handler must never reach the bus.
 */

abstract class PaymentApiCommand<R> extends Command<IotpPaymentApiResponse> {
  constructor(
    readonly request: R,
    readonly meta: CallMeta,
  ) {
    super();
  }
}

export class StartPaymentPaymentHandlerCommand extends PaymentApiCommand<
  RequestOf<'StartPaymentPaymentHandler'>
> {}
export class ContinueProcessCommand extends PaymentApiCommand<RequestOf<'ContinueProcess'>> {}
export class ChangeProcessStateCommand extends PaymentApiCommand<RequestOf<'ChangeProcessState'>> {}
export class InquireProcessStateCommand extends PaymentApiCommand<RequestOf<'InquireProcessState'>> {}
export class InquirePaymentStatusCommand extends PaymentApiCommand<RequestOf<'InquirePaymentStatus'>> {}
export class ResumePaymentPaymentHandlerCommand extends PaymentApiCommand<
  RequestOf<'ResumePaymentPaymentHandler'>
> {}
export class CheckPaymentReceiptCommand extends PaymentApiCommand<RequestOf<'CheckPaymentReceipt'>> {}
export class ExpandPaymentReceiptCommand extends PaymentApiCommand<RequestOf<'ExpandPaymentReceipt'>> {}
export class RemovePaymentLogCommand extends PaymentApiCommand<RequestOf<'RemovePaymentLog'>> {}
export class InquirePendingPaymentCommand extends PaymentApiCommand<RequestOf<'InquirePendingPayment'>> {}
export class FindAcceptedPaymentBrandCommand extends PaymentApiCommand<
  RequestOf<'FindAcceptedPaymentBrand'>
> {}
export class FindAcceptedPaymentProtocolCommand extends PaymentApiCommand<
  RequestOf<'FindAcceptedPaymentProtocol'>
> {}
export class GetPaymentInitializationDataCommand extends PaymentApiCommand<
  RequestOf<'GetPaymentInitializationData'>
> {}
/** Any call outside the Payment Handler column: answered ReqNotSupp. */
export class UnsupportedPaymentApiCallCommand extends PaymentApiCommand<ApiRequest> {}

/** The command that carries a request. */
export function commandFor(req: ApiRequest, meta: CallMeta): PaymentApiCommand<ApiRequest> {
  switch (req.call) {
    case 'StartPaymentPaymentHandler':
      return new StartPaymentPaymentHandlerCommand(req, meta);
    case 'ContinueProcess':
      return new ContinueProcessCommand(req, meta);
    case 'ChangeProcessState':
      return new ChangeProcessStateCommand(req, meta);
    case 'InquireProcessState':
      return new InquireProcessStateCommand(req, meta);
    case 'InquirePaymentStatus':
      return new InquirePaymentStatusCommand(req, meta);
    case 'ResumePaymentPaymentHandler':
      return new ResumePaymentPaymentHandlerCommand(req, meta);
    case 'CheckPaymentReceipt':
      return new CheckPaymentReceiptCommand(req, meta);
    case 'ExpandPaymentReceipt':
      return new ExpandPaymentReceiptCommand(req, meta);
    case 'RemovePaymentLog':
      return new RemovePaymentLogCommand(req, meta);
    case 'InquirePendingPayment':
      return new InquirePendingPaymentCommand(req, meta);
    case 'FindAcceptedPaymentBrand':
      return new FindAcceptedPaymentBrandCommand(req, meta);
    case 'FindAcceptedPaymentProtocol':
      return new FindAcceptedPaymentProtocolCommand(req, meta);
    case 'GetPaymentInitializationData':
      return new GetPaymentInitializationDataCommand(req, meta);
    default:
      return new UnsupportedPaymentApiCallCommand(req, meta);
  }
}

/** Last line of defence: PaymentApiRequestHandler never throws, but nothing may escape a handler. */
export async function safely(
  call: CallType,
  run: () => Promise<IotpPaymentApiResponse>,
): Promise<IotpPaymentApiResponse> {
  try {
    return await run();
  } catch {
    return {
      ErrorResponse: makeErrorResponse(
        'SystemBusy',
        'System busy. The payment handler could not process the request now.',
        'TransientError',
        [errorAt(call)],
        5,
      ),
    };
  }
}

@CommandHandler(StartPaymentPaymentHandlerCommand)
export class StartPaymentPaymentHandlerHandler implements ICommandHandler<StartPaymentPaymentHandlerCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: StartPaymentPaymentHandlerCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.startPaymentPaymentHandler(c.request, c.meta));
  }
}

@CommandHandler(ContinueProcessCommand)
export class ContinueProcessHandler implements ICommandHandler<ContinueProcessCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: ContinueProcessCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.continueProcess(c.request, c.meta));
  }
}

@CommandHandler(ChangeProcessStateCommand)
export class ChangeProcessStateHandler implements ICommandHandler<ChangeProcessStateCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: ChangeProcessStateCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.changeProcessState(c.request, c.meta));
  }
}

@CommandHandler(InquireProcessStateCommand)
export class InquireProcessStateHandler implements ICommandHandler<InquireProcessStateCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: InquireProcessStateCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.inquireProcessState(c.request));
  }
}

@CommandHandler(InquirePaymentStatusCommand)
export class InquirePaymentStatusHandler implements ICommandHandler<InquirePaymentStatusCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: InquirePaymentStatusCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.inquirePaymentStatus(c.request));
  }
}

@CommandHandler(ResumePaymentPaymentHandlerCommand)
export class ResumePaymentPaymentHandlerHandler implements ICommandHandler<ResumePaymentPaymentHandlerCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: ResumePaymentPaymentHandlerCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.resumePaymentPaymentHandler(c.request, c.meta));
  }
}

@CommandHandler(CheckPaymentReceiptCommand)
export class CheckPaymentReceiptHandler implements ICommandHandler<CheckPaymentReceiptCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: CheckPaymentReceiptCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.checkPaymentReceipt(c.request));
  }
}

@CommandHandler(ExpandPaymentReceiptCommand)
export class ExpandPaymentReceiptHandler implements ICommandHandler<ExpandPaymentReceiptCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: ExpandPaymentReceiptCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.expandPaymentReceipt(c.request));
  }
}

@CommandHandler(RemovePaymentLogCommand)
export class RemovePaymentLogHandler implements ICommandHandler<RemovePaymentLogCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: RemovePaymentLogCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.removePaymentLog(c.request, c.meta));
  }
}

@CommandHandler(InquirePendingPaymentCommand)
export class InquirePendingPaymentHandler implements ICommandHandler<InquirePendingPaymentCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: InquirePendingPaymentCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.inquirePendingPayment(c.request, c.meta));
  }
}

@CommandHandler(FindAcceptedPaymentBrandCommand)
export class FindAcceptedPaymentBrandHandler implements ICommandHandler<FindAcceptedPaymentBrandCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: FindAcceptedPaymentBrandCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.findAcceptedPaymentBrand(c.request, c.meta));
  }
}

@CommandHandler(FindAcceptedPaymentProtocolCommand)
export class FindAcceptedPaymentProtocolHandler implements ICommandHandler<FindAcceptedPaymentProtocolCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: FindAcceptedPaymentProtocolCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.findAcceptedPaymentProtocol(c.request, c.meta));
  }
}

@CommandHandler(GetPaymentInitializationDataCommand)
export class GetPaymentInitializationDataHandler implements ICommandHandler<GetPaymentInitializationDataCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: GetPaymentInitializationDataCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.getPaymentInitializationData(c.request, c.meta));
  }
}

@CommandHandler(UnsupportedPaymentApiCallCommand)
export class UnsupportedPaymentApiCallHandler implements ICommandHandler<UnsupportedPaymentApiCallCommand> {
  constructor(@Inject(PaymentApiRequestHandler) private readonly ph: PaymentApiRequestHandler) {}
  execute(c: UnsupportedPaymentApiCallCommand): Promise<IotpPaymentApiResponse> {
    return safely(c.request.call, () => this.ph.notSupported(c.request.call));
  }
}

export const PAYMENT_API_COMMAND_HANDLERS = [
  StartPaymentPaymentHandlerHandler,
  ContinueProcessHandler,
  ChangeProcessStateHandler,
  InquireProcessStateHandler,
  InquirePaymentStatusHandler,
  ResumePaymentPaymentHandlerHandler,
  CheckPaymentReceiptHandler,
  ExpandPaymentReceiptHandler,
  RemovePaymentLogHandler,
  InquirePendingPaymentHandler,
  FindAcceptedPaymentBrandHandler,
  FindAcceptedPaymentProtocolHandler,
  GetPaymentInitializationDataHandler,
  UnsupportedPaymentApiCallHandler,
];
