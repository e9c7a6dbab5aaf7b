'use strict';
// Deterministic sandbox data: customers, linked accounts and transactions made from a fixed seed.
// Names, emails and identity numbers are invented: emails use the reserved example.com domain,
// and BVNs start with 000, which no real BVN does.

/** Returns a seeded pseudo-random generator (mulberry32) yielding floats in [0, 1). */
function createRandom(seed) {
	let state = seed >>> 0;
	return function random() {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FIRST_NAMES = ['Adaeze', 'Bolanle', 'Chidi', 'Damilola', 'Ebuka', 'Folake', 'Gbenga', 'Halima', 'Ifeoma', 'Jide', 'Kemi', 'Lanre', 'Musa', 'Nneka', 'Olumide', 'Sade', 'Tunde', 'Uche', 'Yetunde', 'Zainab'];
const LAST_NAMES = ['Sampleton', 'Testwell', 'Demola', 'Fixture', 'Mockson', 'Placeholder', 'Stubbs', 'Exampleby'];
const BUSINESS_WORDS = ['Harbour', 'Savanna', 'Kolanut', 'Lagoon', 'Baobab', 'Sunrise', 'Palmwine', 'Cowry'];
const BUSINESS_KINDS = ['Ventures Ltd', 'Foods Ltd', 'Logistics Ltd', 'Textiles Ltd', 'Agro Ltd'];
const STREETS = ['Sample Street', 'Example Close', 'Fixture Avenue', 'Demo Crescent', 'Test Road'];
const TOWNS = ['Ikeja, Lagos', 'Yaba, Lagos', 'Wuse, Abuja', 'Bodija, Ibadan', 'GRA, Port Harcourt'];
const BANKS = [
	{ id: '5f5b530f5cae9a4b2a6c7b41', name: 'Sandbox Bank', bank_code: '000001' },
	{ id: '5f5b530f5cae9a4b2a6c7b42', name: 'Example Microfinance Bank', bank_code: '000002' },
	{ id: '5f5b530f5cae9a4b2a6c7b43', name: 'Fixture Commercial Bank', bank_code: '000003' },
];
const NARRATIONS = [
	['credit', 'Salary payment', 'income'],
	['credit', 'Transfer from a friend', 'transfer'],
	['debit', 'POS purchase at a supermarket', 'shopping'],
	['debit', 'Airtime top-up', 'phone_and_internet'],
	['debit', 'Electricity token', 'bills_and_utilities'],
	['debit', 'ATM withdrawal', 'cash'],
	['debit', 'Transfer to a landlord', 'rent'],
	['credit', 'Refund from a merchant', null],
];

function pick(random, list) {
	return list[Math.floor(random() * list.length)];
}

function hexId(random) {
	let id = '';
	for (let i = 0; i < 24; i++) {
		id += Math.floor(random() * 16).toString(16);
	}
	return id;
}

function digits(random, count) {
	let text = '';
	for (let i = 0; i < count; i++) {
		text += Math.floor(random() * 10);
	}
	return text;
}

/** Builds one customer in Mono's shape; every fifth one is a business. */
function makeCustomer(random, index) {
	const id = hexId(random);
	const bvn = `000${digits(random, 8)}`;
	const phone = `0700${digits(random, 7)}`;
	const address = `${1 + Math.floor(random() * 98)} ${pick(random, STREETS)}, ${pick(random, TOWNS)}`;
	const number = String(index + 1).padStart(4, '0');

	if (index % 5 === 4) {
		const businessName = `${pick(random, BUSINESS_WORDS)} ${pick(random, BUSINESS_KINDS)}`;
		return {
			id,
			type: 'business',
			business_name: businessName,
			email: `accounts${number}@business.example.com`,
			phone,
			address,
			identification_no: bvn,
			identification_type: 'bvn',
			bvn,
		};
	}

	const firstName = pick(random, FIRST_NAMES);
	const lastName = pick(random, LAST_NAMES);
	return {
		id,
		name: `${firstName} ${lastName}`,
		first_name: firstName,
		last_name: lastName,
		email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}${number}@example.com`,
		phone,
		address,
		identification_no: bvn,
		identification_type: 'bvn',
		bvn,
	};
}

function displayNameOf(customer) {
	return customer.business_name ?? customer.name;
}

/** Builds one linked account of a customer, and its transactions (amounts in kobo). */
function makeAccount(random, customer, transactionCount) {
	const bank = pick(random, BANKS);
	const isBusiness = customer.type === 'business';
	let balance = 5_000_00 + Math.floor(random() * 2_000_000_00);
	const account = {
		id: hexId(random),
		name: displayNameOf(customer).toUpperCase(),
		account_number: `00${digits(random, 8)}`,
		currency: 'NGN',
		balance,
		auth_method: random() < 0.5 ? 'internet_banking' : 'mobile_banking',
		status: 'AVAILABLE',
		bvn: customer.bvn.slice(-4),
		type: isBusiness ? 'CURRENT_ACCOUNT' : pick(random, ['SAVINGS_ACCOUNT', 'DIGITAL_SAVINGS_ACCOUNT']),
		institution: { ...bank, type: isBusiness ? 'BUSINESS_BANKING' : 'PERSONAL_BANKING' },
		customer: { id: customer.id, name: displayNameOf(customer), email: customer.email },
	};

	// Newest first, as bank statements list them, walking the balance back in time.
	const transactions = [];
	let day = Date.UTC(2026, 10, 28);
	for (let i = 0; i < transactionCount; i++) {
		const [type, narration, category] = pick(random, NARRATIONS);
		const amount = (1 + Math.floor(random() * 5000)) * 100;
		transactions.push({
			id: hexId(random),
			type,
			amount,
			narration,
			date: new Date(day).toISOString(),
			balance,
			category,
		});
		balance += type === 'debit' ? amount : -amount;
		day -= (1 + Math.floor(random() * 4)) * 86_400_000;
	}
	return { account, transactions };
}

/**
 * Builds the sandbox's starting data. The same seed and counts always give the same data.
 * @param {{ seed?: number, customers?: number, linkedCustomers?: number }} [options]
 */
function seedData(options = {}) {
	const random = createRandom(options.seed ?? 20240711);
	const customerCount = options.customers ?? 24;
	const customers = [];
	for (let i = 0; i < customerCount; i++) {
		customers.push(makeCustomer(random, i));
	}

	// The first customers get linked accounts; the second and fifth of them get two.
	const accounts = [];
	const transactionsByAccount = new Map();
	const linked = Math.min(options.linkedCustomers ?? 8, customers.length);
	for (let i = 0; i < linked; i++) {
		const accountCount = i === 1 || i === 4 ? 2 : 1;
		for (let j = 0; j < accountCount; j++) {
			const { account, transactions } = makeAccount(random, customers[i], 6 + Math.floor(random() * 20));
			accounts.push(account);
			transactionsByAccount.set(account.id, transactions);
		}
	}

	return { customers, accounts, transactionsByAccount, random };
}

module.exports = { seedData, createRandom, hexId };
