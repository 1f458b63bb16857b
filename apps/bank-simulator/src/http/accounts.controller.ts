import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { AccountsService, type AccountBalance } from '../accounts/accounts.service';

/** GET /accounts/:customer: a customer's balance (tests, README demo). */
@Controller('accounts')
export class AccountsController {
  constructor(@Inject(AccountsService) private readonly accounts: AccountsService) {}

  @Get(':customer')
  async balance(@Param('customer') customer: string): Promise<AccountBalance> {
    const balance = await this.accounts.balance(customer);
    if (balance === undefined) throw new NotFoundException('no such account');
    return balance;
  }
}
