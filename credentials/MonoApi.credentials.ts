import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class MonoApi implements ICredentialType {
	name = 'monoApi';

	displayName = 'Mono API';

	icon: Icon = { light: 'file:../nodes/Mono/mono.svg', dark: 'file:../nodes/Mono/mono.dark.svg' };

	documentationUrl = 'https://docs.mono.co/docs/financial-data/customers';

	properties: INodeProperties[] = [
		{
			displayName:
				'Test keys (test_sk_…) reach Mono\'s sandbox data; live keys (live_sk_…) act on real customers. Find both under your app\'s settings in the Mono dashboard.',
			name: 'keyNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The secret key of your Mono app, sent in the mono-sec-key header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.withmono.com',
			description:
				'Mono\'s API address. Change it only to reach Mono through a proxy or a local Mono sandbox.',
		},
	];

	// Surrounding spaces from a paste would make Mono reject the key, so they are trimmed.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'mono-sec-key': '={{ String($credentials.secretKey ?? "").trim() }}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl || "https://api.withmono.com").replace(/\\/+$/, "") }}',
			url: '/v2/customers',
			method: 'GET',
			headers: { Accept: 'application/json' },
		},
	};
}
