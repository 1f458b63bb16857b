/* profile §6.1 messages C1, P1, C2 and P2, verbatim from /work/shared/spec/profile.md (worked example). */

export const PROFILE_C1 = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="C1.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.e2780c0935b324b6@demo-merchant.example"
             IotpTransType="BaselinePurchase" TransTimeStamp="2024-05-01T10:15:30.350Z"/>
    <MsgId ID="C1" RespIotpMsg="M1" xml:lang="en" SenderTradingRoleRef="M1.14"
           SoftwareId="IOTP profile reference; acceptance wallet (Python); 1.0; build 1"
           TimeStamp="2024-05-01T10:15:30.700Z"/>
  </TransRefBlk>
  <IotpSignatures ID="C1.2">
    <Signature ID="M1.22">
      <Manifest>
        <Algorithm ID="M1.23" type="digest" name="urn:fips:sha256"/>
        <Algorithm ID="M1.24" type="digest" name="urn:ibm:dom-hash">
          <Parameter type="AlgorithmRef">M1.23</Parameter>
        </Algorithm>
        <Algorithm ID="M1.25" type="signature" name="urn:ibm:hmac">
          <Parameter type="AlgorithmRef">M1.24</Parameter>
          <Parameter type="HashAlgorithmRef">M1.23</Parameter>
        </Algorithm>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.2"/>
          <Value>AvshSjd9RYnwPxGi1pq1E58troSGFDhaaoanjSvJur4=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.5"/>
          <Value>zIdZkCALaJnmnUSzOmBNjee3LNDgM53ys58Gu1fSgUU=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.20"/>
          <Value>p4FtRSaZ5cGfFEvUqj0d4XBY4SgLw6GBrD0In4PsylM=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.11"/>
          <Value>HniIRJLGFdxXSBWP7qseGP+jgdT0TF6KQrHywQDFcp0=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.15"/>
          <Value>crnIUWRG7g1vStW1jmkrfC5YH2zP8ji4Od6VWdc06Q8=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.13"/>
          <Value>QEk/zveTsskmLmnP0e9zEuwNJ4lfq4ZFvQpD7TAnSX0=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="M1.24">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.18"/>
          <Value>fYCoThpRBQncko88FJ645+KRwnWeuCn7TKW544YR4lo=</Value>
        </Digest>
        <Attribute type="IOTPSignatureType" critical="true">OfferResponse</Attribute>
        <OriginatorInfo OriginatorRef="M1.11"/>
        <RecipientInfo SignatureAlgorithmRef="M1.25" SignatureValueRef="M1.26" RecipientRefs="M1.15">
          <KeyIdentifier value="demo-merchant.example/hmac-1"/>
        </RecipientInfo>
      </Manifest>
      <Value ID="M1.26" encoding="base64">4otZIfC2jNeqKiBzLF4j7q2gZAnal+LD6fT2C3MzE/I=</Value>
    </Signature>
  </IotpSignatures>
  <PayReqBlk ID="C1.3">
    <Status ID="M1.18" xml:lang="en" StatusType="Offer" ElRef="M1.19" ProcessState="CompletedOk"
            ProcessReference="ORD-9454f92b"/>
    <BrandList ID="M1.5" xml:lang="en" ShortDesc="Order ORD-9454f92b" PayDirection="Debit">
      <Brand ID="M1.6" BrandId="x-DemoHashPay" BrandName="Demo HashPay"
             BrandLogoNetLocn="https://demo-merchant.example/logos/DemoHashPay.png"
             ProtocolAmountRefs="M1.8">
        <ProtocolBrand ProtocolId="x-HashSecret-1.0" ProtocolBrandId="DemoHashPay"/>
      </Brand>
      <ProtocolAmount ID="M1.8" PayProtocolRef="M1.10" CurrencyAmountRefs="M1.9"/>
      <CurrencyAmount ID="M1.9" Amount="12.50" CurrCodeType="ISO4217-A" CurrCode="EUR"/>
      <PayProtocol ID="M1.10" xml:lang="en" ProtocolId="x-HashSecret-1.0"
                   ProtocolName="Hash/secret customer-merchant-bank protocol 1.0"
                   ActionOrgRef="M1.15" PayReqNetLocn="http://127.0.0.1:8080/iotp"/>
    </BrandList>
    <BrandSelection ID="C1.4" BrandListRef="M1.5" BrandRef="M1.6" ProtocolAmountRef="M1.8"
                    CurrencyAmountRef="M1.9"/>
    <Payment ID="M1.20" OkFrom="2024-05-01T10:10:30.350Z" OkTo="2024-05-01T11:15:30.350Z"
             BrandListRef="M1.5" SignedPayReceipt="True"/>
    <PaySchemeData ID="C1.5" PaymentRef="M1.20" ConsumerPaymentId="CP21906fba3660">
      <PackagedContent Name="HS-Init" Content="MIME:application/json" Transform="BASE64">eyJ0eXBlIjoiSFMtSW5pdCIsInYiOjEsIkMiOiJhbGljZSIsIm5BIjoiMzE5NDVmNWI1YjBlNTlmMGYwNzJkMDVmNWVhMjZlMGEzMTI2MjYzOTMwNGYwMTBhYTkwM2M3YjdiZjFjNzZmMSJ9</PackagedContent>
    </PaySchemeData>
    <Org ID="M1.11" xml:lang="en" OrgId="demo-merchant.example"
         LegalName="Demo Merchant Ltd (DEV ONLY)" ShortDesc="Demo Merchant">
      <TradingRole ID="M1.12" TradingRole="Merchant" IotpMsgIdPrefix="M"
                   CancelNetLocn="https://demo-merchant.example/iotp/cancelled"
                   ErrorNetLocn="https://demo-merchant.example/iotp/error"
                   ErrorLogNetLocn="https://demo-merchant.example/iotp/errorlog"/>
      <PostalAddress AddressLine1="1 Test Street" CityOrTown="Berlin" PostalCode="10115"
                     Country="DE" LegalLocation="True"/>
    </Org>
    <Org ID="M1.13" xml:lang="en" OrgId="Consumer:alice/demo-merchant.example">
      <TradingRole ID="M1.14" TradingRole="Consumer" IotpMsgIdPrefix="C"/>
    </Org>
    <Org ID="M1.15" xml:lang="en" OrgId="pay.bank.example" LegalName="Example Bank AG"
         ShortDesc="Example Bank">
      <TradingRole ID="M1.16" TradingRole="PaymentHandler" IotpMsgIdPrefix="P"
                   CancelNetLocn="http://127.0.0.1:8080/iotp/cancelled"
                   ErrorNetLocn="http://127.0.0.1:8080/iotp/error"
                   ErrorLogNetLocn="http://127.0.0.1:8080/iotp/errorlog"/>
      <PostalAddress AddressLine1="Bankplatz 5" CityOrTown="Frankfurt am Main" PostalCode="60311"
                     Country="DE" LegalLocation="True"/>
    </Org>
  </PayReqBlk>
</IotpMessage>
`;

export const PROFILE_P1 = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="P1.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.e2780c0935b324b6@demo-merchant.example"
             IotpTransType="BaselinePurchase" TransTimeStamp="2024-05-01T10:15:30.350Z"/>
    <MsgId ID="P1" RespIotpMsg="C1" xml:lang="en" SenderTradingRoleRef="M1.16"
           SoftwareId="Example Bank AG; IOTP Payment Handler (profile reference mock); 1.0; build 1"
           TimeStamp="2024-05-01T10:15:30.700Z"/>
  </TransRefBlk>
  <PayExchBlk ID="P1.2">
    <PaySchemeData ID="P1.3" PaymentRef="M1.20" ConsumerPaymentId="CP21906fba3660"
                   PaymentHandlerPayId="PHW2RHZ07D0Z6M">
      <PackagedContent Name="HS-Challenge" Content="MIME:application/json" Transform="BASE64">eyJ0eXBlIjoiSFMtQ2hhbGxlbmdlIiwidiI6MSwiQyI6ImFsaWNlIiwiTSI6ImRlbW8tbWVyY2hhbnQuZXhhbXBsZSIsIkIiOiJkZW1vLWJhbmsuZXhhbXBsZSIsInQiOiIyMDI0MDUwMVQxMDE1MzBaLTNmMzhmMDA3IiwieSI6IlBIVzJSSFowN0QwWjZNIiwidSI6IjEyLjUiLCJjdXIiOiJFVVIiLCJhTSI6IjBkYzk3ODE3NWQwYzI3N2M3MDM4YTQxNjNmYWFkNTEwZjU1MGRiMDgxMzg4MzE1OTdlYjA2N2ExZjc2YzE1NzQifQ==</PackagedContent>
    </PaySchemeData>
  </PayExchBlk>
</IotpMessage>
`;

export const PROFILE_C2 = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="C2.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.e2780c0935b324b6@demo-merchant.example"
             IotpTransType="BaselinePurchase" TransTimeStamp="2024-05-01T10:15:30.350Z"/>
    <MsgId ID="C2" RespIotpMsg="P1" xml:lang="en" SenderTradingRoleRef="M1.14"
           SoftwareId="IOTP profile reference; acceptance wallet (Python); 1.0; build 1"
           TimeStamp="2024-05-01T10:15:31.050Z"/>
  </TransRefBlk>
  <PayExchBlk ID="C2.2">
    <PaySchemeData ID="C2.3" PaymentRef="M1.20" ConsumerPaymentId="CP21906fba3660"
                   PaymentHandlerPayId="PHW2RHZ07D0Z6M">
      <PackagedContent Name="HS-Pay" Content="MIME:application/json" Transform="BASE64">eyJ0eXBlIjoiSFMtUGF5IiwidiI6MSwiQyI6ImFsaWNlIiwidCI6IjIwMjQwNTAxVDEwMTUzMFotM2YzOGYwMDciLCJ5IjoiUEhXMlJIWjA3RDBaNk0iLCJ1IjoiMTIuNSIsImN1ciI6IkVVUiIsImFDIjoiNjM3MTkyZmE5NjlkMDg2NDMyY2ViNmU4NzQzYTQ5YzI3MDJmMjRiYTc1MGVlNmYzNDA1NDA5NjhmNzYxODgxMyIsIm5DIjoiZDQxMTE0YjZjZDhiNTU0MjZjYzllODc1MTVkNTA4YzAwMzNkMDYyYTI2ODFhNWI5MTY2ZDI3OWVhMGUzY2EzZCIsInBpIjoiODRmMmU5M2M1NjJiMDg2OTg4OTk1MGJmZTE4YjY0OGIzNmVjNjcwMTg2ZDAxZDU4MzhhNmU5YzU3N2MwZGM5OCIsIm8iOiJiMTYxM2MzZGYzMGNlNzVlNWZlMzkwMTE2OGQ2YWZmYTNjYjAyNjlkYzAxMzYzNzc1Y2ZlMTM2OWViNjkxNDI1In0=</PackagedContent>
    </PaySchemeData>
  </PayExchBlk>
</IotpMessage>
`;

export const PROFILE_P2 = `<?xml version="1.0" encoding="UTF-8"?>
<IotpMessage xmlns="iotp:ietf.org/iotp-v1.0">
  <TransRefBlk ID="P2.1">
    <TransId ID="M1.2" Version="1.0"
             IotpTransId="20240501101530.e2780c0935b324b6@demo-merchant.example"
             IotpTransType="BaselinePurchase" TransTimeStamp="2024-05-01T10:15:30.350Z"/>
    <MsgId ID="P2" RespIotpMsg="C2" xml:lang="en" SenderTradingRoleRef="M1.16"
           SoftwareId="Example Bank AG; IOTP Payment Handler (profile reference mock); 1.0; build 1"
           TimeStamp="2024-05-01T10:15:31.400Z"/>
  </TransRefBlk>
  <IotpSignatures ID="P2.2">
    <Signature ID="P2.3">
      <Manifest>
        <Algorithm ID="P2.9" type="digest" name="urn:fips:sha256"/>
        <Algorithm ID="P2.10" type="digest" name="urn:ibm:dom-hash">
          <Parameter type="AlgorithmRef">P2.9</Parameter>
        </Algorithm>
        <Algorithm ID="P2.11" type="signature" name="urn:ibm:hmac">
          <Parameter type="AlgorithmRef">P2.10</Parameter>
          <Parameter type="HashAlgorithmRef">P2.9</Parameter>
        </Algorithm>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#P2.1"/>
          <Value>FSvyB298jp38SnRP7PBSY1NBc3SM/bmDUb8HlP2mQd8=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.2"/>
          <Value>AvshSjd9RYnwPxGi1pq1E58troSGFDhaaoanjSvJur4=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#M1.22"/>
          <Value>OcBZDDjJWhFyjYRWq/+DGmr0YsU7gIAiAD+s2yMABQs=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#P2.5"/>
          <Value>2WIE4FZSpCNGTW6XbrU+pxO9pMdA20u0VEWJ2/lnF4I=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#P2.6"/>
          <Value>UrCIFoV2pGWGNYTfqflcgUqIXlXzsz7NZ9tCArmEHA4=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#P2.7"/>
          <Value>x9n8P2Z5lY0Pi4g82FunwVxfZB6qPDpTnGaaafYZ3LI=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#P2.8"/>
          <Value>rzWpUEkFZlNOPmPPUlPUEOxjsQ422onEePK8wSJx6KI=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#C1.4"/>
          <Value>HVK5jaP08rUgHyfA4WARibjFO0FPJORuKnnMsWbTY/Q=</Value>
        </Digest>
        <Digest DigestAlgorithmRef="P2.10">
          <Locator href="20240501101530.e2780c0935b324b6@demo-merchant.example#C2.3"/>
          <Value>gVuKSGQyuxMstdVOMWW7MMuZLg4w8uQEalpg57OvoMY=</Value>
        </Digest>
        <Attribute type="IOTPSignatureType" critical="true">PaymentResponse</Attribute>
        <OriginatorInfo OriginatorRef="M1.15"/>
        <RecipientInfo SignatureAlgorithmRef="P2.11" SignatureValueRef="P2.12" RecipientRefs="M1.11">
          <KeyIdentifier value="demo-merchant.example/hmac-1"/>
        </RecipientInfo>
      </Manifest>
      <Value ID="P2.12" encoding="base64">PFrpiYoFYStxeF8Y3jbFnZ33rJD11i/Qv5+RmbctF9U=</Value>
    </Signature>
  </IotpSignatures>
  <PayRespBlk ID="P2.4">
    <Status ID="P2.5" xml:lang="en" StatusType="Payment" ElRef="M1.20" ProcessState="CompletedOk"
            ProcessReference="PHW2RHZ07D0Z6M" StatusDesc="Payment completed"/>
    <PayReceipt ID="P2.6" PaymentRef="M1.20" PayReceiptNameRefs="HS-Pay HS-Result"/>
    <PaySchemeData ID="P2.7" PaymentRef="M1.20" ConsumerPaymentId="CP21906fba3660"
                   PaymentHandlerPayId="PHW2RHZ07D0Z6M">
      <PackagedContent Name="HS-Result" Content="MIME:application/json" Transform="BASE64">eyJ0eXBlIjoiSFMtUmVzdWx0IiwidiI6MSwieSI6IlBIVzJSSFowN0QwWjZNIiwidSI6IjEyLjUiLCJjdXIiOiJFVVIiLCJzdGF0dXMiOiJDb21wbGV0ZWRPayIsIkFCIjoiNGI1ZDdjMWUwMDUzZDQ3OTZhMzQ0ODg0ZjJiNTllYmNlN2EyNDI5OTc5MGViNjA1YzdiMTAzZDA4ZjMyZjQ4NCIsIlQiOiJiNDc4ZThjMmM2NTM0NGRhYTQwOWY4N2RkZTRhZmQ3N2RmY2MzNTkyMmJhZDkwZTlkZDMyYWNkZGMwZTU0ZTRmIn0=</PackagedContent>
    </PaySchemeData>
    <PaymentNote ID="P2.8">
      <PackagedContent Name="HS-Balance" Content="MIME:application/json" Transform="BASE64">eyJ0eXBlIjoiSFMtQmFsYW5jZSIsInYiOjEsIkMiOiJhbGljZSIsImJhbGFuY2UiOiI5OTk5ODcuNSIsImN1ciI6IkVVUiJ9</PackagedContent>
    </PaymentNote>
  </PayRespBlk>
</IotpMessage>
`;
